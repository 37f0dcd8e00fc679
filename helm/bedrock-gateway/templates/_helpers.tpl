{{/*
Expand the name of the chart.
*/}}
{{- define "bedrock-gateway.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Create a default fully qualified app name.
We truncate at 63 chars because some Kubernetes name fields are limited to this (by the DNS naming spec).
If release name contains chart name it will be used as a full name.
*/}}
{{- define "bedrock-gateway.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Create chart name and version as used by the chart label.
*/}}
{{- define "bedrock-gateway.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Common labels
*/}}
{{- define "bedrock-gateway.labels" -}}
helm.sh/chart: {{ include "bedrock-gateway.chart" . }}
{{ include "bedrock-gateway.selectorLabels" . }}
{{- if .Chart.AppVersion }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/*
Selector labels
*/}}
{{- define "bedrock-gateway.selectorLabels" -}}
app.kubernetes.io/name: {{ include "bedrock-gateway.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
Create the name of the service account to use
*/}}
{{- define "bedrock-gateway.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "bedrock-gateway.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
The Secret holding the API keys: the user's existing one, or the chart's.
*/}}
{{- define "bedrock-gateway.secretName" -}}
{{- default (include "bedrock-gateway.fullname" .) .Values.existingSecret }}
{{- end }}

{{/*
Whether an AWS config file is mounted, from whichever of the three sources is set.
*/}}
{{- define "bedrock-gateway.awsConfigEnabled" -}}
{{- with .Values.awsConfig }}
{{- if or .content .existingConfigMap .existingSecret }}true{{ end }}
{{- end }}
{{- end }}

{{/*
Settings the chart cannot express in the schema; each failure names the value to fix.
*/}}
{{- define "bedrock-gateway.validate" -}}
{{- if .Values.existingSecret }}
{{- range $id, $tenant := .Values.tenants }}
{{- if $tenant.apiKeys }}
{{- fail (printf "tenants.%s.apiKeys must be empty when existingSecret is set: put the keys in the Secret %q" $id $.Values.existingSecret) }}
{{- end }}
{{- end }}
{{- end }}
{{- $awsSources := 0 }}
{{- range $source := list .Values.awsConfig.content .Values.awsConfig.existingConfigMap .Values.awsConfig.existingSecret }}
{{- if $source }}{{ $awsSources = add1 $awsSources }}{{ end }}
{{- end }}
{{- if gt $awsSources 1 }}
{{- fail "awsConfig: set only one of content, existingConfigMap and existingSecret" }}
{{- end }}
{{- if eq .Values.limits.store "redis" }}
{{- if not .Values.redis.url }}
{{- fail "limits.store is redis but redis.url is empty: set redis.url, e.g. rediss://master.my-cache.xxxxxx.use1.cache.amazonaws.com:6379" }}
{{- end }}
{{- end }}
{{- with .Values.redis.url }}
{{- $url := urlParse . }}
{{- if $url.userinfo }}
{{- fail "redis.url must not hold credentials (Helm keeps values in its release history): set redis.username, and the password in the Secret named by redis.existingSecret" }}
{{- end }}
{{- if not (regexMatch "^/?([0-9]+)?$" $url.path) }}
{{- fail (printf "redis.url: the path %q is not a database number; use rediss://host:port or rediss://host:port/<database>" $url.path) }}
{{- end }}
{{- end }}
{{- with .Values.shutdown }}
{{- if le (int .terminationGracePeriodSeconds) (add .preStopSleepSeconds .timeoutSeconds) }}
{{- fail (printf "shutdown.terminationGracePeriodSeconds (%d) must exceed shutdown.preStopSleepSeconds + shutdown.timeoutSeconds (%d)" (int .terminationGracePeriodSeconds) (add .preStopSleepSeconds .timeoutSeconds)) }}
{{- end }}
{{- end }}
{{- end }}

{{/*
The Redis connection of limits.store=redis as Spring Boot's spring.data.redis.* variables. redis.url is split
into host, port, database and TLS rather than passed as SPRING_DATA_REDIS_URL: once spring.data.redis.url is
set, Spring Boot takes the username and password from the URL alone and ignores spring.data.redis.username
and .password, so the Secret's password would never be sent.
*/}}
{{- define "bedrock-gateway.redisEnv" -}}
{{- $url := urlParse .Values.redis.url }}
{{- $port := "6379" }}
{{- with regexFind ":[0-9]+$" $url.host }}
{{- $port = trimPrefix ":" . }}
{{- end -}}
- name: SPRING_DATA_REDIS_HOST
  value: {{ $url.hostname | quote }}
- name: SPRING_DATA_REDIS_PORT
  value: {{ $port | quote }}
- name: SPRING_DATA_REDIS_SSL_ENABLED
  value: {{ eq $url.scheme "rediss" | toString | quote }}
{{- with trimPrefix "/" $url.path }}
- name: SPRING_DATA_REDIS_DATABASE
  value: {{ . | quote }}
{{- end }}
{{- with .Values.redis.username }}
- name: SPRING_DATA_REDIS_USERNAME
  value: {{ . | quote }}
{{- end }}
{{- with .Values.redis.existingSecret }}
- name: SPRING_DATA_REDIS_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ . | quote }}
      key: {{ $.Values.redis.existingSecretPasswordKey | quote }}
{{- end }}
{{- end }}

{{/*
Non-secret tenant settings as the gateway's properties: camelCase keys become kebab-case
(allowedModels -> allowed-models, aws.roleArn -> aws.role-arn); apiKeys and empty values are left out.
*/}}
{{- define "bedrock-gateway.tenantSettings" -}}
{{- $tenants := dict }}
{{- range $id, $tenant := .Values.tenants }}
{{- $settings := dict }}
{{- range $key, $value := omit $tenant "apiKeys" "aws" }}
{{- if not (empty $value) }}
{{- $_ := set $settings (kebabcase $key) $value }}
{{- end }}
{{- end }}
{{- $aws := dict }}
{{- range $key, $value := $tenant.aws }}
{{- if not (empty $value) }}
{{- $_ := set $aws (kebabcase $key) $value }}
{{- end }}
{{- end }}
{{- if $aws }}
{{- $_ := set $settings "aws" $aws }}
{{- end }}
{{- $_ := set $tenants $id $settings }}
{{- end }}
{{- toYaml $tenants }}
{{- end }}

{{/*
The gateway's application.yml: .Values.config with the settings the chart derives from other values on top.
*/}}
{{- define "bedrock-gateway.applicationConfig" -}}
{{- $gateway := dict }}
{{- with .Values.region }}
{{- $_ := set $gateway "bedrock" (dict "region" .) }}
{{- end }}
{{- if .Values.tenants }}
{{- $_ := set $gateway "tenants" (include "bedrock-gateway.tenantSettings" . | fromYaml) }}
{{- end }}
{{- $shutdown := printf "%ds" (int .Values.shutdown.timeoutSeconds) }}
{{- $derived := dict "spring" (dict "lifecycle" (dict "timeout-per-shutdown-phase" $shutdown)) }}
{{- if $gateway }}
{{- $_ := set $derived "gateway" $gateway }}
{{- end }}
{{- toYaml (mergeOverwrite (deepCopy (.Values.config | default dict)) $derived) }}
{{- end }}

{{/*
The API-key fragment of the configuration (gateway.tenants.<id>.api-keys), for the chart's Secret.
*/}}
{{- define "bedrock-gateway.apiKeysConfig" -}}
{{- $tenants := dict }}
{{- range $id, $tenant := .Values.tenants }}
{{- with $tenant.apiKeys }}
{{- $_ := set $tenants $id (dict "api-keys" .) }}
{{- end }}
{{- end }}
{{- if $tenants }}
{{- toYaml (dict "gateway" (dict "tenants" $tenants)) }}
{{- else -}}
# No API keys: set tenants.<id>.apiKeys or existingSecret.
{{- end }}
{{- end }}
