#!/bin/sh
# Fills aftershock.conf.template from the environment and writes, into OUT_DIR:
#   aftershock.conf                     the server (include it in nginx's http context)
#   aftershock-upstream-credentials.inc the Authorization and X-Scope-OrgID headers (mode 0600;
#                                       not *.conf, so a conf.d/*.conf include leaves it out)
#   aftershock.d/                       for *.conf files of your own, included in the server
# Every value is checked, so that nothing from the environment can add nginx directives.
#
# Usage: render-config.sh OUT_DIR
#
# AFTERSHOCK_UPSTREAM_URL        required: http(s)://host[:port][/path prefix], e.g.
#                                http://prometheus:9090, http://mimir:8080/prometheus,
#                                http://vmselect:8481/select/0/prometheus
# AFTERSHOCK_ROOT                the built app (default: dist/ of this checkout)
# AFTERSHOCK_LISTEN              nginx's listen address (default: 8080)
# AFTERSHOCK_SERVER_NAME         server_name (default: _ , any name)
# AFTERSHOCK_FRAME_ANCESTORS     CSP frame-ancestors (default: 'none'; e.g. 'self' https://noc.example.com)
# AFTERSHOCK_UPSTREAM_CA_FILE    CA bundle for an https upstream (default: Debian's)
# AFTERSHOCK_RESOLVER            DNS server(s) to look the upstream up at request time, for an
#                                upstream whose addresses change (cloud endpoints); default:
#                                none, nginx resolves it once when it starts or reloads
# Credentials for the upstream (at most one kind), each from the variable or from a file:
# AFTERSHOCK_UPSTREAM_BEARER_TOKEN / AFTERSHOCK_UPSTREAM_BEARER_TOKEN_FILE
# AFTERSHOCK_UPSTREAM_BASIC_AUTH_USER with
#   AFTERSHOCK_UPSTREAM_BASIC_AUTH_PASSWORD / AFTERSHOCK_UPSTREAM_BASIC_AUTH_PASSWORD_FILE
# AFTERSHOCK_UPSTREAM_TENANT     X-Scope-OrgID for Mimir, Cortex, Loki-style multi-tenancy
set -eu

fail() {
  echo "render-config.sh: $*" >&2
  exit 1
}

[ $# -eq 1 ] || fail "usage: render-config.sh OUT_DIR"
out_dir=$1
here=$(cd "$(dirname "$0")" && pwd)
template="$here/aftershock.conf.template"

# Prints $1 when it matches the extended regular expression $2 as a whole, else fails naming $3.
checked() {
  printf '%s' "$1" | grep -Eqx -- "$2" || fail "$3 is not valid: '$1'"
  printf '%s' "$1"
}

# A secret from VAR or VAR_FILE (the file's first line), never both.
secret() {
  name=$1
  eval "value=\${$name-}"
  eval "file=\${${name}_FILE-}"
  if [ -n "$value" ] && [ -n "$file" ]; then fail "set $name or ${name}_FILE, not both"; fi
  if [ -n "$file" ]; then
    [ -r "$file" ] || fail "${name}_FILE: cannot read $file"
    value=$(head -n 1 "$file" | tr -d '\r')
    [ -n "$value" ] || fail "${name}_FILE: $file is empty"
  fi
  printf '%s' "$value"
}

url=${AFTERSHOCK_UPSTREAM_URL-}
[ -n "$url" ] || fail "AFTERSHOCK_UPSTREAM_URL is required, e.g. http://prometheus:9090"
checked "$url" '(http|https)://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~:/-]*)?' \
  AFTERSHOCK_UPSTREAM_URL >/dev/null
scheme=${url%%://*}
rest=${url#*://}
host_port=${rest%%/*}
path=${rest#"$host_port"}
path=${path%/}
host=${host_port%%:*}
if [ "$host" = "$host_port" ]; then
  if [ "$scheme" = https ]; then port=443; else port=80; fi
  host_header=$host
else
  port=${host_port#*:}
  host_header=$host_port
fi

root=${AFTERSHOCK_ROOT-"$(cd "$here/../.." && pwd)/dist"}
checked "$root" '/[A-Za-z0-9._/-]*' AFTERSHOCK_ROOT >/dev/null
[ -f "$root/index.html" ] || fail "AFTERSHOCK_ROOT: $root has no index.html (run npm run build)"
listen=$(checked "${AFTERSHOCK_LISTEN-8080}" '([0-9.]+:|\[[0-9a-fA-F:]+\]:)?[0-9]{1,5}' AFTERSHOCK_LISTEN)
server_name=$(checked "${AFTERSHOCK_SERVER_NAME-_}" '[A-Za-z0-9*._ -]+' AFTERSHOCK_SERVER_NAME)
ancestors=$(checked "${AFTERSHOCK_FRAME_ANCESTORS-"'none'"}" "[A-Za-z0-9 '*.:/_-]+" \
  AFTERSHOCK_FRAME_ANCESTORS)
ca_file=$(checked "${AFTERSHOCK_UPSTREAM_CA_FILE-/etc/ssl/certs/ca-certificates.crt}" \
  '/[A-Za-z0-9._/-]*' AFTERSHOCK_UPSTREAM_CA_FILE)
if [ "$scheme" = https ] && [ ! -r "$ca_file" ]; then
  fail "AFTERSHOCK_UPSTREAM_CA_FILE: cannot read $ca_file"
fi

# Resolved once at start (an upstream group, with kept-alive connections), or by name at request
# time through a resolver, re-resolved every 30 s.
resolver=${AFTERSHOCK_RESOLVER-}
if [ -z "$resolver" ]; then
  upstream_block="upstream aftershock_prometheus {
    server $host:$port;
    keepalive 16;
}"
  upstream="$scheme://aftershock_prometheus$path"
  resolver_lines="# The upstream's address was looked up when nginx started (AFTERSHOCK_RESOLVER unset)."
else
  checked "$resolver" '[][A-Za-z0-9.: -]+' AFTERSHOCK_RESOLVER >/dev/null
  upstream_block="# No upstream group: the name is looked up at request time (AFTERSHOCK_RESOLVER)."
  upstream="$scheme://$host:$port$path"
  resolver_lines="resolver $resolver valid=30s;
        resolver_timeout 5s;"
fi

# Old browsers know only X-Frame-Options; it can say "nobody" and "this origin", nothing more.
case "$ancestors" in
  "'none'") frame_options='add_header X-Frame-Options "DENY" always;' ;;
  "'self'") frame_options='add_header X-Frame-Options "SAMEORIGIN" always;' ;;
  *) frame_options='# X-Frame-Options cannot name other origins; frame-ancestors above does.' ;;
esac

token=$(secret AFTERSHOCK_UPSTREAM_BEARER_TOKEN)
user=${AFTERSHOCK_UPSTREAM_BASIC_AUTH_USER-}
password=$(secret AFTERSHOCK_UPSTREAM_BASIC_AUTH_PASSWORD)
tenant=${AFTERSHOCK_UPSTREAM_TENANT-}
if [ -n "$token" ] && { [ -n "$user" ] || [ -n "$password" ]; }; then
  fail "set a bearer token or basic auth, not both"
fi
if [ -n "$password" ] && [ -z "$user" ]; then fail "AFTERSHOCK_UPSTREAM_BASIC_AUTH_USER is required with a password"; fi
if [ -n "$user" ] && [ -z "$password" ]; then fail "AFTERSHOCK_UPSTREAM_BASIC_AUTH_PASSWORD (or _FILE) is required with a user"; fi
case "$user" in *:*) fail "AFTERSHOCK_UPSTREAM_BASIC_AUTH_USER must not contain ':'" ;; esac
# RFC 6750's token characters; base64 output and Mimir/Cortex tenant IDs need no others.
[ -z "$token" ] || checked "$token" '[A-Za-z0-9._~+/-]+=*' AFTERSHOCK_UPSTREAM_BEARER_TOKEN >/dev/null
[ -z "$tenant" ] || checked "$tenant" "[A-Za-z0-9!._*'()|-]+" AFTERSHOCK_UPSTREAM_TENANT >/dev/null

if [ -n "$token" ]; then
  authorization="Bearer $token"
  credentials="a bearer token"
elif [ -n "$user" ]; then
  authorization="Basic $(printf '%s:%s' "$user" "$password" | base64 | tr -d '\n')"
  credentials="basic auth as $user"
else
  authorization=""
  credentials="no credentials"
fi

mkdir -p "$out_dir/aftershock.d"
out_dir=$(cd "$out_dir" && pwd)
credentials_file="$out_dir/aftershock-upstream-credentials.inc"
(
  umask 077
  {
    echo "# Written by render-config.sh; headers nginx adds to every request to the upstream."
    echo "# Empty values are not sent: the browser's own Authorization or X-Scope-OrgID never pass."
    echo "proxy_set_header Authorization \"$authorization\";"
    echo "proxy_set_header X-Scope-OrgID \"$tenant\";"
  } >"$credentials_file.tmp"
  mv "$credentials_file.tmp" "$credentials_file"
)

AFTERSHOCK_FILL_UPSTREAM_BLOCK=$upstream_block \
AFTERSHOCK_FILL_UPSTREAM=$upstream \
AFTERSHOCK_FILL_RESOLVER=$resolver_lines \
AFTERSHOCK_FILL_UPSTREAM_HOST=$host \
AFTERSHOCK_FILL_UPSTREAM_HOST_HEADER=$host_header \
AFTERSHOCK_FILL_UPSTREAM_CA_FILE=$ca_file \
AFTERSHOCK_FILL_LISTEN=$listen \
AFTERSHOCK_FILL_SERVER_NAME=$server_name \
AFTERSHOCK_FILL_ROOT=$root \
AFTERSHOCK_FILL_FRAME_ANCESTORS=$ancestors \
AFTERSHOCK_FILL_X_FRAME_OPTIONS=$frame_options \
AFTERSHOCK_FILL_CREDENTIALS_FILE=$credentials_file \
AFTERSHOCK_FILL_EXTRA_DIR="$out_dir/aftershock.d" \
  awk '
    # Replaces @NAME@ with AFTERSHOCK_FILL_NAME, literally (no regex, no & expansion).
    {
      line = $0
      result = ""
      while (match(line, /@[A-Z_]+@/)) {
        name = substr(line, RSTART + 1, RLENGTH - 2)
        key = "AFTERSHOCK_FILL_" name
        if (!(key in ENVIRON)) { print "render-config.sh: unknown placeholder @" name "@" > "/dev/stderr"; exit 1 }
        result = result substr(line, 1, RSTART - 1) ENVIRON[key]
        line = substr(line, RSTART + RLENGTH)
      }
      print result line
    }
  ' "$template" >"$out_dir/aftershock.conf.tmp"
mv "$out_dir/aftershock.conf.tmp" "$out_dir/aftershock.conf"

tenant_note=${tenant:+", X-Scope-OrgID $tenant"}
echo "Wrote $out_dir/aftershock.conf: $root on $listen, /api/v1 to $scheme://$host_port$path/api/v1 with $credentials${tenant_note}."
