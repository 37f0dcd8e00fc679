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
{{- with .Values.shutdown }}
{{- if le (int .terminationGracePeriodSeconds) (add .preStopSleepSeconds .timeoutSeconds) }}
{{- fail (printf "shutdown.terminationGracePeriodSeconds (%d) must exceed shutdown.preStopSleepSeconds + shutdown.timeoutSeconds (%d)" (int .terminationGracePeriodSeconds) (add .preStopSleepSeconds .timeoutSeconds)) }}
{{- end }}
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
