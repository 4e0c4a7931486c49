#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The Debian packages (debian/).
#
#   test/deb.sh build [OUTDIR]   dpkg-buildpackage -b in a copy of the tree
#                                (tracked and new files, no build products);
#                                the .debs go to OUTDIR (default build/deb),
#                                and OUTDIR/dkms is DKMS's build of the
#                                package's source for the test VM's kernel
#   test/deb.sh check [OUTDIR]   lintian and the packages' contents; prints
#                                ok/not ok lines and "deb: N passed, M failed"
#
# "make deb" runs the first. test/netns/95-deb.sh installs the packages in
# the test VM.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
version=$(cat "$top/VERSION")
action=${1:-}
out=${2:-$top/build/deb}

build() {
	local src=$out/src/jool-netdev-$version

	rm -rf "$out"
	mkdir -p "$src" || exit 1
	# git ls-files: what is in the tree, without objects, the built module
	# or build/ (a copy of build/ would copy itself). Outside git: all but
	# build/ and what .gitignore names.
	if git -C "$top" rev-parse --git-dir >/dev/null 2>&1; then
		(cd "$top" && git ls-files -z --cached --others --exclude-standard |
			xargs -0 sh -c 'for f; do [ -e "$f" ] && printf "%s\0" "$f"; done' _ |
			tar -c --null -T - -f -) | tar -C "$src" -x || exit 1
	else
		tar -C "$top" -c --exclude=./build --exclude-vcs-ignores . | tar -C "$src" -x || exit 1
	fi
	(cd "$src" && dpkg-buildpackage -us -uc -b) >"$out/build.log" 2>&1 || {
		tail -n 30 "$out/build.log"
		echo "deb: dpkg-buildpackage failed (all of it: $out/build.log)"
		exit 1
	}
	mv "$out"/src/*.deb "$out/"
	rm -rf "$out/src"
	prebuild
	ls "$out"/*.deb
}

# prebuild: DKMS builds jool-netdev-dkms's source (its dkms.conf, its
# files), unpacked in OUTDIR/root, for the kernel the test VM boots, in a
# DKMS tree of its own (OUTDIR/dkms). The emulated VM would take many
# minutes to compile the module; test/netns/95-deb.sh installs the package
# there and hands DKMS this build.
prebuild() {
	local kver arg

	kver=$(make -s -C "$top" --no-print-directory print-kver)
	if ! command -v dkms >/dev/null || [ ! -d "/lib/modules/$kver/build" ]; then
		echo "deb: no DKMS build for the test VM ($kver): needs dkms and its headers"
		return 0
	fi
	dpkg-deb -x "$out/jool-netdev-dkms_${version}_all.deb" "$out/root" || exit 1
	mkdir -p "$out/dkms"
	arg=(--dkmstree "$out/dkms" --sourcetree "$out/root/usr/src" -m jool-netdev -v "$version")
	if ! { dkms add "${arg[@]}" && dkms build "${arg[@]}" -k "$kver"; } >"$out/dkms.log" 2>&1; then
		cat "$out/dkms.log"
		echo "deb: dkms build of the package's source for $kver failed"
		exit 1
	fi
}

# shellcheck source=test/hostlib.sh
. "$top/test/hostlib.sh"

# has DEB PATH...: DEB holds each PATH.
has() {
	local deb=$1 p list
	shift
	list=$(dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./|/|')
	for p in "$@"; do
		grep -qx -- "$p" <<<"$list" || { echo "    | $(basename "$deb") has no $p"; return 1; }
	done
}

check_debs() {
	local dkms tools arch lint

	arch=$(dpkg --print-architecture)
	dkms=$out/jool-netdev-dkms_${version}_all.deb
	tools=$out/jool-netdev-tools_${version}_${arch}.deb
	if [ ! -f "$dkms" ] || [ ! -f "$tools" ]; then
		notok "packages in $out (run \"make deb\" first)"
		summary deb
		exit 1
	fi
	ok "packages built: $(basename "$dkms") $(basename "$tools")"

	if has "$dkms" "/usr/src/jool-netdev-$version/dkms.conf" \
		"/usr/src/jool-netdev-$version/Kbuild" \
		"/usr/src/jool-netdev-$version/VERSION" \
		"/usr/src/jool-netdev-$version/src/main.c" \
		"/usr/src/jool-netdev-$version/include/uapi/jool_netdev.h"; then
		ok "jool-netdev-dkms holds the module's source"
	else
		notok "jool-netdev-dkms holds the module's source"
	fi
	if dpkg-deb -c "$dkms" | grep -Eq '\.(o|ko|cmd)$'; then
		notok "jool-netdev-dkms holds no build products"
	else
		ok "jool-netdev-dkms holds no build products"
	fi
	if dpkg-deb -I "$dkms" postinst 2>/dev/null | grep -q 'dkms' &&
		dpkg-deb -I "$dkms" prerm 2>/dev/null | grep -q 'dkms remove'; then
		ok "jool-netdev-dkms registers with DKMS (postinst) and unregisters (prerm)"
	else
		notok "jool-netdev-dkms registers with DKMS (postinst) and unregisters (prerm)"
	fi
	if dpkg-deb -f "$dkms" Depends | grep -q dkms; then
		ok "jool-netdev-dkms depends on dkms"
	else
		notok "jool-netdev-dkms depends on dkms"
	fi

	if has "$tools" /usr/sbin/joolctl /usr/sbin/jool-netdev-setup \
		"/usr/lib/$(dpkg-architecture -qDEB_HOST_MULTIARCH)/ip/link_jool.so" \
		/usr/share/man/man8/joolctl.8.gz /usr/share/man/man8/jool-netdev-setup.8.gz \
		/usr/share/bash-completion/completions/joolctl \
		/lib/systemd/system/jool-netdev@.service \
		/lib/systemd/system/jool-netdev-log@.service /etc/jool-netdev/; then
		ok "jool-netdev-tools holds joolctl, the plugin, the man pages, the completion, the units"
	else
		notok "jool-netdev-tools holds joolctl, the plugin, the man pages, the completion, the units"
	fi
	if dpkg-deb -f "$tools" Depends | grep -q 'libnl-genl-3'; then
		ok "jool-netdev-tools depends on libnl-genl-3 (shlibs)"
	else
		notok "jool-netdev-tools depends on libnl-genl-3 (shlibs)"
	fi
	if dpkg-deb --fsys-tarfile "$tools" | tar -xO ./lib/systemd/system/jool-netdev@.service |
		grep -q '^ExecStart=/usr/sbin/jool-netdev-setup up %i$'; then
		ok "the unit runs /usr/sbin/jool-netdev-setup"
	else
		notok "the unit runs /usr/sbin/jool-netdev-setup"
	fi
	if dpkg-deb --fsys-tarfile "$tools" | tar -xO ./lib/systemd/system/jool-netdev-log@.service |
		grep -q '^ExecStart=/usr/sbin/joolctl -j %i monitor$'; then
		ok "the log unit runs /usr/sbin/joolctl -j %i monitor"
	else
		notok "the log unit runs /usr/sbin/joolctl -j %i monitor"
	fi

	lint=$(lintian --fail-on error,warning "$dkms" "$tools" 2>&1)
	if [ $? -eq 0 ]; then
		ok "lintian: no errors or warnings (overrides: debian/*.lintian-overrides)"
	else
		notok "lintian: no errors or warnings"
	fi
	[ -n "$lint" ] && printf '%s\n' "$lint" | sed 's/^/    | /'
	summary deb
}

case $action in
build) build ;;
check) check_debs ;;
*)
	echo "Usage: $0 build|check [OUTDIR]" >&2
	exit 2
	;;
esac
