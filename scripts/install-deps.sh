#!/usr/bin/env bash
# Installs every build and test dependency of CreditDesk on Debian 12 with apt-get.
# Safe to re-run: when everything is already installed it only asks dpkg and exits
# (no apt-get update, no network). Works as root, or through sudo when not root.
set -euo pipefail

PACKAGES=(
    qt6-base-dev qt6-base-dev-tools libqt6opengl6-dev
    qt6-charts-dev qt6-svg-dev
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    qtkeychain-qt6-dev libqt6sql6-sqlite libqt6sql6-psql
    libgl1-mesa-dev xvfb xauth openssl ninja-build cmake g++ ccache
    librapidcheck-dev libssl-dev git
    python3 python3-yaml
    gnome-keyring dbus-x11
)

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
    echo "install-deps.sh: dpkg-query/apt-get not found; this script needs Debian 12 (bookworm)." >&2
    exit 1
fi

# Packages dpkg reports as fully installed (unknown packages go to stderr and count as missing).
installed="$(dpkg-query -W -f='${Package} ${db:Status-Status}\n' "${PACKAGES[@]}" 2>/dev/null \
    | awk '$2 == "installed" { print $1 }' || true)"

missing=()
for pkg in "${PACKAGES[@]}"; do
    if ! grep -qxF -- "$pkg" <<<"$installed"; then
        missing+=("$pkg")
    fi
done

if [ "${#missing[@]}" -eq 0 ]; then
    echo "install-deps.sh: all ${#PACKAGES[@]} packages already installed."
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    as_root=()
elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
else
    echo "install-deps.sh: missing packages: ${missing[*]}" >&2
    echo "install-deps.sh: not root and sudo not found; install them as root." >&2
    exit 1
fi

echo "install-deps.sh: installing ${#missing[@]} missing package(s): ${missing[*]}"
apt_opts=(-o DPkg::Lock::Timeout=300)
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get "${apt_opts[@]}" update -q
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get "${apt_opts[@]}" install -y -q \
    --no-install-recommends "${missing[@]}"
echo "install-deps.sh: done."
