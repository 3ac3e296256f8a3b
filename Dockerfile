# syntax=docker/dockerfile:1
# Conduit image: build the shaded jar with the Maven wrapper, run it on a JRE as a non-root user.
#   docker build --build-arg GIT_COMMIT="$(git rev-parse HEAD)" -t conduit .
#   docker run --rm conduit db migrate /app/config-prod.yml      (one-shot, before the new version)
#   docker run -p 8080:8080 -e DATABASE_URL=... -e JWT_SECRET=... -e ALLOWED_HOSTS=... conduit
# CI ships the jar its tests ran against instead of building another one:
#   docker build --build-arg JAR_FROM=prebuilt --build-arg GIT_COMMIT=<sha> .   (target/app.jar)

# Where the jar comes from: "build" (the stage below) or "prebuilt" (target/app.jar in the context).
ARG JAR_FROM=build

# ---- build stage --------------------------------------------------------------------------------
FROM eclipse-temurin:17-jdk AS build
WORKDIR /build

# Dependencies first, in their own layer: it is rebuilt only when the POM or the wrapper changes.
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -B -ntp -q dependency:go-offline

# Then the sources. .git is not in the build context, so the commit GET /version reports comes in
# as a build argument (unset: "unknown").
COPY src src
ARG GIT_COMMIT=unknown
RUN ./mvnw -B -ntp -DskipTests package -Dgit.commit.id.abbrev="$(printf %.12s "$GIT_COMMIT")"

# ---- or the jar CI tested -----------------------------------------------------------------------
FROM scratch AS prebuilt
COPY target/app.jar /build/target/app.jar

FROM ${JAR_FROM} AS jar

# ---- two layers: dependencies, then the service (scripts/split-jar) ----------------------------
FROM eclipse-temurin:17-jdk AS layers
COPY scripts/split-jar /usr/local/bin/split-jar
COPY --from=jar /build/target/app.jar /tmp/app.jar
RUN split-jar /tmp/app.jar /layers

# ---- runtime stage ------------------------------------------------------------------------------
FROM eclipse-temurin:17-jre AS runtime

# curl only for the HEALTHCHECK below.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 conduit \
 && useradd --system --uid 10001 --gid conduit --home-dir /app --shell /usr/sbin/nologin conduit

WORKDIR /app
# Dependencies first: this layer stays the same (same digest, nothing re-shipped) until the POM
# changes; a code change ships only the small layer after it.
COPY --from=layers --chown=root:root /layers/lib /app/lib
COPY --from=layers --chown=root:root /layers/classes /app/classes
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
ENTRYPOINT ["java", "-cp", "/app/classes:/app/lib", "dev.conduit.ConduitApplication"]
CMD ["server", "/app/config-prod.yml"]
