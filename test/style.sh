#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make style: the kernel's checkpatch.pl over the module's sources. Debian
# ships checkpatch.pl only inside linux-source-6.1's tarball; it is extracted
# once into a cache.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cache=${JOOL_CHECKPATCH_CACHE:-/var/cache/jool-netdev/checkpatch}
cp=$cache/scripts/checkpatch.pl

if [ ! -x "$cp" ]; then
	tarball=$(ls /usr/src/linux-source-*.tar.xz 2>/dev/null | sort -V | tail -n 1)
	if [ -z "$tarball" ]; then
		echo "style: no checkpatch.pl (apt-get install linux-source-6.1)" >&2
		exit 1
	fi
	mkdir -p "$cache"
	tar -xJf "$tarball" -C "$cache" --strip-components=1 --wildcards \
		'*/scripts/checkpatch.pl' '*/scripts/spelling.txt' \
		'*/scripts/const_structs.checkpatch'
fi

cd "$top"
# Version tests are what src/compat.h is for.
out=$("$cp" --no-tree --terse --show-types \
	--ignore SPDX_LICENSE_TAG,FILE_PATH_CHANGES,LINUX_VERSION_CODE,CONSTANT_COMPARISON \
	-f src/*.c src/*.h src/core/*.c src/core/*.h include/core/*.h \
	include/uapi/*.h) || true
if echo "$out" | grep -q -E ': (ERROR|WARNING):'; then
	echo "$out" | grep -v '^total: 0 errors, 0 warnings'
	echo "style: checkpatch found problems"
	exit 1
fi
echo "style: checkpatch clean ($(ls src/*.[ch] src/core/*.[ch] include/core/*.h include/uapi/*.h | wc -l) files)"
