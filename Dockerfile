# syntax=docker/dockerfile:1
# Build: docker build -t bedrock-gateway .
# Run against the simulator (API key local-demo-key):
#   docker run --rm -p 8080:8080 -p 8081:8081 -e SPRING_PROFILES_ACTIVE=local -e MANAGEMENT_SERVER_PORT=8081 bedrock-gateway
# Configuration: mount files under /config and set SPRING_CONFIG_ADDITIONAL_LOCATION=optional:file:/config/
# (the Helm chart does). The container writes only /tmp, so it runs with a read-only root filesystem.

FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
# Dependencies first: this layer is rebuilt only when pom.xml changes.
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN ./mvnw -B -ntp dependency:go-offline
COPY src/main/ src/main/
# maven.test.skip: tests run in CI, not in the image build (.dockerignore leaves src/test out).
# Extracted (not run as a fat jar), as the JVM's AOT cache needs a plain class path; application.jar keeps the
# class path the same for every version, so the cache's training run and the real runs match.
RUN ./mvnw -B -ntp -Dmaven.test.skip=true package \
 && cp target/bedrock-gateway-*.jar application.jar \
 && java -Djarmode=tools -jar application.jar extract --layers --destination /layers

FROM eclipse-temurin:25-jre
RUN groupadd --system --gid 10001 gateway \
 && useradd --system --uid 10001 --gid gateway --home-dir /home/gateway --no-create-home --shell /usr/sbin/nologin gateway
WORKDIR /app
# Least-changing layers first, so a code change rebuilds only the last one.
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
# JDK 25 AOT cache (JEP 483/514/515): a training run that stops once the context has refreshed, on the
# simulator profile so it needs no AWS account or network, records the classes loaded and linked at startup.
# Startup to ready with it: 4.1-5.7 s against 7.1 s extracted and 8.3-9.4 s as a fat jar (docs/performance.md).
# The small heap keeps compressed oops on, as in any container under 32 GB, whatever the build host has (a
# cache trained without them is unusable); the runtime GC may differ. The second run fails the build if the
# cache cannot be used. At runtime a cache that does not fit (another JVM build) is ignored with a warning.
RUN java -Xmx512m -XX:AOTCacheOutput=app.aot -Dspring.context.exit=onRefresh -jar application.jar \
      --spring.profiles.active=local \
 && rm -f app.aot.config \
 && java -Xmx512m -XX:AOTCache=app.aot -XX:AOTMode=on -cp application.jar -version
# Numeric user, so Kubernetes' runAsNonRoot can verify it without reading /etc/passwd.
USER 10001:10001
# 8080: the API. 8081: actuator (health, metrics) when MANAGEMENT_SERVER_PORT=8081, as the Helm chart and compose set.
EXPOSE 8080 8081
# The JVM reads the container's memory and CPU limits itself; size the heap from the limit and die on
# OutOfMemoryError so the orchestrator restarts a clean process. The heap starts small (6%: about 64 MB of a
# 1 GiB limit) and grows only under load: the gateway's live data is about 40 MB, and a large initial heap is
# resident memory for nothing (docs/performance.md). Outside the heap, the JIT's compiler arenas are freed back
# to malloc in bursts for minutes after start: two malloc arenas and a native-heap trim every 2 s hand that
# memory back to the kernel (RSS 256-274 MB against 300-406 MB at steady load in the benchmark). Replace the
# variables to tune.
ENV MALLOC_ARENA_MAX=2
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:InitialRAMPercentage=6 -XX:TrimNativeHeapInterval=2000 -XX:+ExitOnOutOfMemoryError"
# Docker's own health check (Kubernetes ignores it and uses the chart's probes): liveness on the management port
# when one is set, else on the API port. Liveness, not the whole health: a container whose shared limits store is
# away keeps serving (gateway.limits.on-store-failure) and must not be replaced for it. Bash's /dev/tcp, as the JRE image has no curl guarantee.
HEALTHCHECK --interval=15s --timeout=3s --start-period=40s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${MANAGEMENT_SERVER_PORT:-8080} && printf 'GET /actuator/health/liveness HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && grep -q '^{\"status\":\"UP\"' <&3"]
# Exec form: java is PID 1 and receives SIGTERM itself; server.shutdown=graceful then drains in-flight
# requests for up to spring.lifecycle.timeout-per-shutdown-phase (give `docker stop` a longer -t).
ENTRYPOINT ["java", "-XX:AOTCache=app.aot", "-jar", "application.jar"]
