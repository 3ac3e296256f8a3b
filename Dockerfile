# syntax=docker/dockerfile:1
# Conduit image: build the shaded jar with the Maven wrapper, run it on a JRE as a non-root user.
#   docker build -t conduit .
#   docker run --rm conduit db migrate /app/config-prod.yml      (one-shot, before the new version)
#   docker run -p 8080:8080 -e DATABASE_URL=... -e JWT_SECRET=... conduit

# ---- build stage --------------------------------------------------------------------------------
FROM eclipse-temurin:17-jdk AS build
WORKDIR /build

# Dependencies first, in their own layer: it is rebuilt only when the POM or the wrapper changes.
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -B -ntp -q dependency:go-offline

# Then the sources. The same command as the CI "Build the jar" step (a test compares them).
COPY src src
RUN ./mvnw -B -ntp -DskipTests package

# ---- runtime stage ------------------------------------------------------------------------------
FROM eclipse-temurin:17-jre AS runtime

# curl only for the HEALTHCHECK below.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 conduit \
 && useradd --system --uid 10001 --gid conduit --home-dir /app --shell /usr/sbin/nologin conduit

WORKDIR /app
COPY --from=build --chown=root:root /build/target/app.jar /app/app.jar
COPY --chown=root:root config.yml config-prod.yml /app/

# The app writes nothing but temp files; the image stays read-only for the app user.
USER 10001:10001

# Container-aware heap: a share of the cgroup memory limit instead of a fixed -Xmx.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75.0 -XX:InitialRAMPercentage=50.0 -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp"

# 8080: the API and /health/*; 8081: the admin port (metrics, tasks); never publish 8081 publicly.
EXPOSE 8080 8081

HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD ["curl", "-fsS", "-o", "/dev/null", "http://127.0.0.1:8080/health/live"]

# Exec form: java is PID 1 and receives SIGTERM itself, so the service drains before it stops.
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
CMD ["server", "/app/config-prod.yml"]
