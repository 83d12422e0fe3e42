#!/usr/bin/env bash
# MailStreams on a Debian/Ubuntu server, in one command:
#   sudo deploy/setup.sh --domain example.com [--resend-api-key re_…] [--webhook-secret whsec_…]
# Idempotent: a second run changes nothing and says so. Interactive when a terminal is attached and a value is
# missing; non-interactive with flags or environment variables. `--uninstall` removes what it installed and keeps
# the data (`--purge` removes the data, the secrets and the user too). Run with --help for every option.
set -euo pipefail

PREFIX=/opt/mailstreams
DATA=/var/lib/mailstreams
CONF=/etc/mailstreams
UNIT=/etc/systemd/system/mailstreams.service
CADDY_SITES=/etc/caddy/sites
CADDY_SITE=$CADDY_SITES/mailstreams.caddy
CADDYFILE=/etc/caddy/Caddyfile
SERVICE_USER=mailstreams
LISTEN=127.0.0.1:8025
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

domain=${MAILSTREAMS_DOMAIN:-}
s2_token=${S2_ACCESS_TOKEN:-}
s2_basin=${S2_BASIN:-}
resend_key=${RESEND_API_KEY:-}
webhook_secret=${RESEND_WEBHOOK_SECRET:-}
secrets_source=""
package=""
recipients=()
with_caddy=1
uninstall=0
purge=0
changes=0

usage() {
  cat <<'EOF'
Usage: setup.sh [options]
  --domain D            base mail domain; the daemon is served at https://streams.D (env MAILSTREAMS_DOMAIN)
  --s2-token T          S2 access token (env S2_ACCESS_TOKEN)
  --s2-basin B          S2 basin (env S2_BASIN)
  --resend-api-key K    Resend API key (env RESEND_API_KEY); without it replies are written as .eml files
  --webhook-secret S    Resend webhook signing secret whsec_… (env RESEND_WEBHOOK_SECRET)
  --secrets FILE        an existing SOPS secrets file (from your repo) to install; the server's age key must be a recipient
  --recipient AGE1…     also encrypt the server's secrets file to this age key (repeatable; e.g. your laptop, CI)
  --package DIR         the output of `dotnet publish -r linux-x64 --self-contained` (default: publish from this checkout)
  --no-caddy            do not install Caddy or write the HTTPS site
  --uninstall           remove what setup installed; keeps the data and secrets
  --purge               with --uninstall: also remove the data, the secrets and the system user
  -h, --help            this text
EOF
}

die() { echo "setup: error: $*" >&2; exit 2; }
say() { echo "setup: $*"; }
changed() { changes=$((changes + 1)); say "changed: $*"; }

while [ $# -gt 0 ]; do
  case "$1" in
    --domain) domain=${2:?--domain needs a value}; shift 2 ;;
    --s2-token) s2_token=${2:?--s2-token needs a value}; shift 2 ;;
    --s2-basin) s2_basin=${2:?--s2-basin needs a value}; shift 2 ;;
    --resend-api-key) resend_key=${2:?--resend-api-key needs a value}; shift 2 ;;
    --webhook-secret) webhook_secret=${2:?--webhook-secret needs a value}; shift 2 ;;
    --secrets) secrets_source=${2:?--secrets needs a file}; shift 2 ;;
    --recipient) recipients+=("${2:?--recipient needs an age1… key}"); shift 2 ;;
    --package) package=${2:?--package needs a directory}; shift 2 ;;
    --no-caddy) with_caddy=0; shift ;;
    --uninstall) uninstall=1; shift ;;
    --purge) purge=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown option '$1'" ;;
  esac
done

[ "$(id -u)" -eq 0 ] || die "run as root (sudo $0 …)"
systemd_running() { [ -d /run/systemd/system ]; }

# ---------------------------------------------------------------- uninstall
if [ "$uninstall" -eq 1 ]; then
  if systemd_running && systemctl is-active --quiet mailstreams; then systemctl stop mailstreams; changed "stopped mailstreams"; fi
  if systemctl is-enabled --quiet mailstreams 2>/dev/null; then systemctl disable --quiet mailstreams; changed "disabled mailstreams"; fi
  if [ -f "$UNIT" ]; then rm -f "$UNIT"; changed "removed $UNIT"; systemd_running && systemctl daemon-reload; fi
  if [ -d "$PREFIX" ]; then rm -rf "$PREFIX"; changed "removed $PREFIX"; fi
  if [ -f "$CADDY_SITE" ]; then rm -f "$CADDY_SITE"; changed "removed $CADDY_SITE"; fi
  if grep -qxF "import $CADDY_SITES/*.caddy" "$CADDYFILE" 2>/dev/null; then
    sed -i -e '/^# Added by MailStreams deploy\/setup.sh$/d' -e "\\#^import $CADDY_SITES/\\*\\.caddy\$#d" "$CADDYFILE"
    changed "removed the import of $CADDY_SITES from $CADDYFILE"
    if systemd_running && systemctl is-active --quiet caddy; then systemctl reload caddy; fi
  fi
  if [ "$purge" -eq 1 ]; then
    for path in "$DATA" "$CONF"; do
      if [ -e "$path" ]; then rm -rf "$path"; changed "removed $path"; fi
    done
    if id "$SERVICE_USER" >/dev/null 2>&1; then userdel "$SERVICE_USER"; changed "removed user $SERVICE_USER"; fi
  else
    [ -d "$DATA" ] && say "kept the data in $DATA and the secrets in $CONF (--purge removes them)"
  fi
  if [ "$changes" -eq 0 ]; then say "nothing to remove: MailStreams is not installed"; else say "uninstalled ($changes changes)"; fi
  exit 0
fi

# ---------------------------------------------------------------- questions
interactive=0
[ -t 0 ] && [ -t 1 ] && interactive=1
ask() { # ask VAR "question" [secret]
  local answer
  if [ "${3:-}" = secret ]; then read -r -s -p "$2: " answer; echo; else read -r -p "$2: " answer; fi
  printf -v "$1" '%s' "$answer"
}
if [ "$interactive" -eq 1 ]; then
  [ -n "$domain" ] || [ "$with_caddy" -eq 0 ] || ask domain "Base mail domain (the daemon will be at https://streams.<domain>)"
  [ -n "$s2_token" ] || [ -n "$secrets_source" ] || ask s2_token "S2 access token (Enter to skip: embedded store)" secret
  [ -n "$s2_basin" ] || [ -z "$s2_token" ] || ask s2_basin "S2 basin"
  [ -n "$resend_key" ] || [ -n "$secrets_source" ] || ask resend_key "Resend API key (Enter to skip: replies become .eml files)" secret
  if [ -z "$webhook_secret" ] && [ -z "$secrets_source" ] && [ -n "$domain" ]; then
    echo "In Resend, add a webhook for email.received pointing at:"
    echo "    https://streams.$domain/webhooks/resend"
    ask webhook_secret "then paste its signing secret (whsec_…, Enter to skip)" secret
  fi
fi
[ -n "$domain" ] || [ "$with_caddy" -eq 0 ] || die "--domain is required (or --no-caddy)"
case "$domain" in *[!A-Za-z0-9.-]*) die "'$domain' is not a domain name" ;; esac
[ -z "$webhook_secret" ] || [[ "$webhook_secret" == whsec_* ]] || die "the webhook secret must start with whsec_"

# ---------------------------------------------------------------- packages
need=()
command -v age >/dev/null 2>&1 || need+=(age)
command -v curl >/dev/null 2>&1 || need+=(curl)
[ "$with_caddy" -eq 0 ] || command -v caddy >/dev/null 2>&1 || need+=(caddy)
icu_missing=0
ldconfig -p | grep -q 'libicuuc\.so' || icu_missing=1 # .NET needs ICU (libicu72 on Debian 12, libicu74 on Ubuntu 24.04)
if [ "${#need[@]}" -gt 0 ] || [ "$icu_missing" -eq 1 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  [ "$icu_missing" -eq 0 ] || need+=("$(apt-cache pkgnames libicu | grep -E '^libicu[0-9]+$' | sort -V | tail -n 1)")
  say "installing ${need[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  changed "installed ${need[*]}"
fi

# ---------------------------------------------------------------- user and directories
if ! id "$SERVICE_USER" >/dev/null 2>&1; then
  useradd --system --home-dir "$DATA" --no-create-home --shell /usr/sbin/nologin "$SERVICE_USER"
  changed "created system user $SERVICE_USER"
fi
ensure_dir() { # ensure_dir PATH OWNER:GROUP MODE
  if [ ! -d "$1" ]; then install -d -o "${2%:*}" -g "${2#*:}" -m "$3" "$1"; changed "created $1"; return; fi
  if [ "$(stat -c '%U:%G %a' "$1")" != "$2 $3" ]; then chown "$2" "$1"; chmod "$3" "$1"; changed "fixed owner/mode of $1"; fi
}
ensure_dir "$PREFIX" root:root 755
ensure_dir "$DATA" "$SERVICE_USER:$SERVICE_USER" 750
ensure_dir "$CONF" "root:$SERVICE_USER" 750

# ---------------------------------------------------------------- the program
if [ -z "$package" ]; then
  command -v dotnet >/dev/null 2>&1 || die "no --package given and no .NET SDK here to publish one: run 'dotnet publish src/MailStreams.Host -c Release -r linux-x64 --self-contained -o out' on a build machine and pass --package out"
  package=$(mktemp -d)
  trap 'rm -rf "$package"' EXIT
  say "publishing MailStreams (self-contained) from $HERE/.."
  dotnet publish "$HERE/../src/MailStreams.Host" -c Release -r linux-x64 --self-contained -o "$package" -v quiet -nologo >/dev/null
fi
[ -x "$package/mailstreams" ] || die "$package has no 'mailstreams' program: pass the output of dotnet publish --self-contained"
tree_sum() { (cd "$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1); }
if [ ! -x "$PREFIX/mailstreams" ] || [ "$(tree_sum "$package")" != "$(tree_sum "$PREFIX")" ]; then
  rm -rf "$PREFIX.new"
  cp -a "$package" "$PREFIX.new"
  chown -R root:root "$PREFIX.new"
  chmod -R go-w "$PREFIX.new"
  rm -rf "$PREFIX.old"
  mv "$PREFIX" "$PREFIX.old"
  mv "$PREFIX.new" "$PREFIX"
  rm -rf "$PREFIX.old"
  changed "installed the program in $PREFIX"
fi
ms() { "$PREFIX/mailstreams" "$@"; }

# ---------------------------------------------------------------- secrets (SOPS file, age key of this server)
KEY=$CONF/age.key
SECRETS=$CONF/secrets.encrypted.yaml
export SOPS_AGE_KEY_FILE=$KEY MAILSTREAMS_SECRETS=$SECRETS
if [ ! -f "$KEY" ]; then
  (umask 077 && age-keygen -o "$KEY" 2>/dev/null)
  chown "root:$SERVICE_USER" "$KEY"; chmod 640 "$KEY"
  changed "created this server's age key $KEY"
fi
if [ "$(stat -c '%U:%G %a' "$KEY")" != "root:$SERVICE_USER 640" ]; then chown "root:$SERVICE_USER" "$KEY"; chmod 640 "$KEY"; changed "fixed owner/mode of $KEY"; fi
server_recipient=$(age-keygen -y "$KEY")
if [ -n "$secrets_source" ]; then
  [ -f "$secrets_source" ] || die "the secrets file $secrets_source does not exist"
  if ! cmp -s "$secrets_source" "$SECRETS"; then
    ms secrets list >/dev/null 2>&1 --file "$secrets_source" \
      || die "this server's key cannot decrypt $secrets_source: on a machine that can, run 'mailstreams secrets add-recipient $server_recipient --file <that file>' and commit it"
    install -m 640 -o root -g "$SERVICE_USER" "$secrets_source" "$SECRETS"
    changed "installed the secrets file $SECRETS"
  fi
fi
set_secret() { # set_secret NAME VALUE
  [ -n "$2" ] || return 0
  if [ -f "$SECRETS" ] && [ "$(ms secrets get "$1" 2>/dev/null || true)" = "$2" ]; then return 0; fi
  printf '%s' "$2" | ms secrets set "$1" >/dev/null
  changed "stored $1 in $SECRETS (encrypted)"
}
set_secret RESEND_API_KEY "$resend_key"
set_secret RESEND_WEBHOOK_SECRET "$webhook_secret"
set_secret S2_ACCESS_TOKEN "$s2_token"
set_secret S2_BASIN "$s2_basin"
if [ ! -f "$SECRETS" ]; then
  printf '%s' "$(head -c 24 /dev/urandom | base64)" | ms secrets set MAILSTREAMS_ADMIN_TOKEN >/dev/null
  changed "created $SECRETS with an admin token"
fi
for r in "${recipients[@]}"; do
  if ! ms secrets list 2>&1 >/dev/null | grep -q -- "$r"; then ms secrets add-recipient "$r" >/dev/null; changed "added recipient $r"; fi
done
if [ "$(stat -c '%U:%G %a' "$SECRETS")" != "root:$SERVICE_USER 640" ]; then chown "root:$SERVICE_USER" "$SECRETS"; chmod 640 "$SECRETS"; changed "fixed owner/mode of $SECRETS"; fi

# ---------------------------------------------------------------- settings that are not secret
ENV_FILE=$CONF/mailstreams.env
env_text="# Written by deploy/setup.sh. Secrets live in $SECRETS (mailstreams secrets …).
BASE_DOMAIN=${domain:-example.com}
"
if [ ! -f "$ENV_FILE" ] || [ "$(cat "$ENV_FILE")" != "${env_text%$'\n'}" ]; then
  printf '%s' "$env_text" > "$ENV_FILE"; chown "root:$SERVICE_USER" "$ENV_FILE"; chmod 640 "$ENV_FILE"
  changed "wrote $ENV_FILE"
fi

# ---------------------------------------------------------------- systemd unit
if ! cmp -s "$HERE/systemd/mailstreams.service" "$UNIT"; then
  install -m 644 "$HERE/systemd/mailstreams.service" "$UNIT"
  changed "installed $UNIT"
  systemd_running && systemctl daemon-reload
fi
if ! systemctl is-enabled --quiet mailstreams 2>/dev/null; then
  systemctl enable --quiet mailstreams 2>/dev/null
  changed "enabled mailstreams at boot"
fi

# ---------------------------------------------------------------- Caddy: https://streams.<domain> in front of the daemon
if [ "$with_caddy" -eq 1 ]; then
  # Only the webhook and the liveness check are public: the daemon trusts loopback clients with /api/*.
  site="# Written by deploy/setup.sh: MailStreams behind automatic HTTPS.
streams.$domain {
	encode gzip
	handle /webhooks/* {
		reverse_proxy $LISTEN
	}
	handle /healthz {
		reverse_proxy $LISTEN
	}
	handle {
		respond \"not found\" 404
	}
}
"
  ensure_dir "$CADDY_SITES" root:root 755
  if [ ! -f "$CADDY_SITE" ] || [ "$(cat "$CADDY_SITE")" != "${site%$'\n'}" ]; then
    printf '%s' "$site" > "$CADDY_SITE"; chmod 644 "$CADDY_SITE"
    changed "wrote the Caddy site $CADDY_SITE for streams.$domain"
    caddy_changed=1
  fi
  if ! grep -qxF "import $CADDY_SITES/*.caddy" "$CADDYFILE" 2>/dev/null; then
    printf '\n# Added by MailStreams deploy/setup.sh\nimport %s/*.caddy\n' "$CADDY_SITES" >> "$CADDYFILE"
    changed "made $CADDYFILE import $CADDY_SITES"
    caddy_changed=1
  fi
  caddy validate --config "$CADDYFILE" --adapter caddyfile >/dev/null 2>&1 \
    || die "Caddy rejects $CADDYFILE: run 'caddy validate --config $CADDYFILE' to see why"
  if [ "${caddy_changed:-0}" -eq 1 ] && systemd_running; then systemctl reload-or-restart caddy; fi
fi

# ---------------------------------------------------------------- start and health check
problems=()
check_ready() { # check_ready URL: waits up to 60 s for /readyz, then names what is wrong; 0 when ready
  local body="" answer
  for _ in $(seq 1 60); do
    if answer=$(curl -fsS "$1/readyz" 2>/dev/null); then say "health: ready: $(echo "$answer" | tr -s ' \n' ' ')"; return 0; fi
    answer=$(curl -sS "$1/readyz" 2>/dev/null || true)
    [ -z "$answer" ] || body=$answer
    sleep 1
  done
  if [ -z "$body" ]; then problems+=("the daemon does not answer on $1 (see: journalctl -u mailstreams -n 50)"); return 1; fi
  problems+=("the daemon is up but not ready after 60 s: $(echo "$body" | tr -s ' \n' ' ')")
  return 1
}
if systemd_running; then
  if [ "$changes" -gt 0 ] || ! systemctl is-active --quiet mailstreams; then
    systemctl restart mailstreams
    [ "$changes" -gt 0 ] && say "restarted mailstreams"
  fi
  check_ready "http://$LISTEN" || true
  if [ "$with_caddy" -eq 1 ]; then
    systemctl is-active --quiet caddy || problems+=("caddy is not running: systemctl status caddy")
    getent hosts "streams.$domain" >/dev/null || problems+=("streams.$domain does not resolve: add a DNS record pointing at this server so Caddy can get its certificate")
  fi
else
  # A chroot or container without systemd: check the installed program by running it briefly as its user.
  say "systemd is not running here: checking the installed daemon by starting it for a moment"
  port=18025
  set -a
  # shellcheck source=/dev/null
  . "$ENV_FILE"
  set +a
  # setpriv execs the program itself (no forked child left behind), so $! is the daemon.
  setpriv --reuid="$SERVICE_USER" --regid="$SERVICE_USER" --init-groups env SOPS_AGE_KEY_FILE="$KEY" MAILSTREAMS_SECRETS="$SECRETS" \
    "$PREFIX/mailstreams" run --data "$DATA" --urls "http://127.0.0.1:$port" >"$DATA/setup-check.log" 2>&1 &
  pid=$!
  check_ready "http://127.0.0.1:$port" || problems+=("its output: $(tail -n 5 "$DATA/setup-check.log" | tr '\n' ' ')")
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -f "$DATA/setup-check.log"
fi

if [ "$changes" -eq 0 ]; then say "no changes: everything was already in place"; else say "done: $changes changes"; fi
[ -n "$domain" ] && say "webhook URL for Resend (email.received): https://streams.$domain/webhooks/resend"
say "server age key (add it as a recipient of your repo's secrets file): $server_recipient"
if [ "${#problems[@]}" -gt 0 ]; then
  for p in "${problems[@]}"; do echo "setup: PROBLEM: $p" >&2; done
  exit 1
fi
