# Shared helpers for the scripts in this folder. Source it; do not run it.

# ensure_packages PKG...: installs the Debian packages that are missing (apt-get install -y,
# after one apt-get update), as root or through sudo.
ensure_packages() {
    local missing=()
    local p
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || { echo "error: need root (or sudo) to install: ${missing[*]}" >&2; return 1; }
        sudo=(sudo)
    fi
    echo "installing: ${missing[*]}" >&2
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
}

# The system packages every build needs.
BUILD_PACKAGES=(libsqlite3-dev libcurl4-openssl-dev zlib1g-dev libpq-dev tzdata)

# ensure_swift: fails with a clear message when the Swift toolchain is missing.
ensure_swift() {
    if ! command -v swift >/dev/null; then
        if [ -x /opt/swift/usr/bin/swift ]; then
            export PATH=/opt/swift/usr/bin:$PATH
        else
            echo "error: the Swift toolchain (swift 6) is not on PATH: install it from swift.org first" >&2
            return 1
        fi
    fi
}
