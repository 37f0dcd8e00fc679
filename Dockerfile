# syntax=docker/dockerfile:1
# Build: docker build -t bedrock-gateway .
# Run against the simulator (API key local-demo-key):
#   docker run --rm -p 8080:8080 -p 8081:8081 -e SPRING_PROFILES_ACTIVE=local -e MANAGEMENT_SERVER_PORT=8081 bedrock-gateway
# Configuration: mount files under /config and set SPRING_CONFIG_ADDITIONAL_LOCATION=optional:file:/config/
# (the Helm chart does). The container writes only /tmp, so it runs with a read-only root filesystem.

FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
# Dependencies first: this layer is rebuilt only when pom.xml changes.
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN ./mvnw -B -ntp dependency:go-offline
COPY src/main/ src/main/
# maven.test.skip: tests run in CI, not in the image build (.dockerignore leaves src/test out).
RUN ./mvnw -B -ntp -Dmaven.test.skip=true package \
 && java -Djarmode=tools -jar target/bedrock-gateway-*.jar extract --layers --launcher --destination /layers

FROM eclipse-temurin:21-jre
RUN groupadd --system --gid 10001 gateway \
 && useradd --system --uid 10001 --gid gateway --home-dir /home/gateway --no-create-home --shell /usr/sbin/nologin gateway
WORKDIR /app
# Least-changing layers first, so a code change rebuilds only the last one.
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
# Numeric user, so Kubernetes' runAsNonRoot can verify it without reading /etc/passwd.
USER 10001:10001
# 8080: the API. 8081: actuator (health, metrics) when MANAGEMENT_SERVER_PORT=8081, as the Helm chart and compose set.
EXPOSE 8080 8081
# The JVM reads the container's memory and CPU limits itself; size the heap from the limit and die on
# OutOfMemoryError so the orchestrator restarts a clean process. Replace the variable to tune.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:InitialRAMPercentage=25 -XX:+ExitOnOutOfMemoryError"
# Docker's own health check (Kubernetes ignores it and uses the chart's probes): actuator health on the
# management port when one is set, else on the API port. Bash's /dev/tcp, as the JRE image has no curl guarantee.
HEALTHCHECK --interval=15s --timeout=3s --start-period=40s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${MANAGEMENT_SERVER_PORT:-8080} && printf 'GET /actuator/health HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && grep -q '^{\"status\":\"UP\"' <&3"]
# Exec form: java is PID 1 and receives SIGTERM itself; server.shutdown=graceful then drains in-flight
# requests for up to spring.lifecycle.timeout-per-shutdown-phase (give `docker stop` a longer -t).
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
