# Thin wrappers so `make <target>` and the scripts stay in sync.
.PHONY: run test build migrate clean

run:
	scripts/run

test:
	scripts/test

build:
	./mvnw -B -ntp package -DskipTests

migrate:
	java -jar target/app.jar db migrate config.yml

clean:
	rm -rf target
