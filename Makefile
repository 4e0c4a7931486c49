# SPDX-License-Identifier: GPL-2.0
#
# jool-netdev: the user's entry point. Kbuild (the module) is driven from
# here with $(MAKE) -C $(KDIR) M=$(CURDIR).
#
#   make                 module, joolctl and the iproute2 plugin
#   make install         install them (module into /lib/modules/$(KVER)/extra,
#                        the rest under PREFIX, default /usr/local); with
#                        DESTDIR=DIR everything goes under DIR and depmod
#                        is not run
#   make uninstall       remove what "make install" (same variables) put there
#   make check           unit tests, fuzzing, then the VM tests;
#                        "N passed, M failed"
#   make check-kbuild    build the module against every kernel series Debian
#                        ships (headers downloaded, not installed)
#   make fuzz            the libFuzzer targets of the core, FUZZ_SECONDS each
#   make demo            a guided tour in a VM: IPv6-only reaches IPv4-only
#   make bench           jool_netdev vs plain forwarding, Jool and TAYGA, SIIT
#                        and NAT64, with router CPU per packet (in a VM);
#                        BENCH_BASE=COMMIT adds the module of COMMIT (A/B),
#                        BENCH_ROUNDS=N medians of N rounds, BENCH_PERF=1
#                        profiles, BENCH_PPS=N the UDP rows' fixed rate
#                        (docs/testing.md)
#   make bench-core      instructions per packet in the core (callgrind);
#                        BENCH_BASE=COMMIT compares with COMMIT's
#   make bench-scale     a million NAT64 sessions, jool_netdev vs Jool: setup
#                        rate, memory per pair, full-table translation, dump,
#                        collector pause (in a VM); BENCH_SCALE_SESSIONS=N
#   make deps            install build and test dependencies (Debian, apt)
#   make dkms-install    register, build and install the module with DKMS
#                        (again: replaces the registration)
#   make dkms-uninstall  remove it from DKMS and /usr/src
#   make deb             build/deb/*.deb: jool-netdev-dkms, jool-netdev-tools
#   make style           checkpatch.pl on the kernel sources
#   make debug           build/debug/jool_netdev.ko: pr_debug on, selftests at load
#   make clean

KVER ?= $(shell dpkg-query -W -f='$${Depends}' linux-headers-amd64 2>/dev/null | \
	  sed -n 's/^linux-headers-\([^ ,]*\).*/\1/p')
ifeq ($(KVER),)
KVER := $(shell uname -r)
endif
KDIR ?= /lib/modules/$(KVER)/build
VERSION := $(shell cat VERSION)
DESTDIR ?=
PREFIX ?= /usr/local
MODDIR = $(DESTDIR)/lib/modules/$(KVER)/extra

all: module usr

module:
	$(MAKE) -C $(KDIR) M=$(CURDIR) JOOL_VERSION=$(VERSION) modules

# The debug module (pr_debug on, the state tables' selftest at load) is
# built from a copy of the sources in build/debug, so that it never
# replaces the module "make" built.
DEBUG_DIR := $(CURDIR)/build/debug
debug:
	mkdir -p $(DEBUG_DIR)
	cp -ru Kbuild VERSION src include $(DEBUG_DIR)/
	$(MAKE) -C $(KDIR) M=$(DEBUG_DIR) JOOL_VERSION=$(VERSION) CONFIG_JOOL_DEBUG=y modules

usr:
	$(MAKE) -C usr JOOL_VERSION=$(VERSION)

# The module is copied by hand rather than with Kbuild's modules_install,
# which runs depmod (and writes modules.* files) even under DESTDIR.
install: all
	install -d $(MODDIR)
	install -m 644 jool_netdev.ko $(MODDIR)/jool_netdev.ko
	$(if $(DESTDIR),,depmod -a $(KVER))
	$(MAKE) -C usr install PREFIX=$(PREFIX)

uninstall:
	rm -f $(MODDIR)/jool_netdev.ko
	$(if $(DESTDIR),,depmod -a $(KVER))
	$(MAKE) -C usr uninstall PREFIX=$(PREFIX)

deps:
	./test/deps.sh

unit:
	$(MAKE) -C test/unit run
	$(MAKE) -C usr test

FUZZ_SECONDS ?= 60
fuzz:
	$(MAKE) -C test/fuzz run FUZZ_SECONDS=$(FUZZ_SECONDS)

check: all
	./test/check.sh

bench: all
	./test/bench.sh

bench-core:
	./test/bench-core.sh

bench-scale: all
	./test/bench-scale.sh

# The conformance cases through Jool 4.1.9 (test/netns/71-jool-diff.sh).
check-kbuild:
	./test/kbuild.sh

check-jool:
	@for p in jool-dkms jool-tools; do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || \
			apt-get install -y -qq $$p >/dev/null || exit 1; \
	done
	./test/vm/run.sh -t 2400 -- bash test/netns/run-all.sh test/netns/71-jool-diff.sh

demo:
	./test/deps.sh
	$(MAKE) all
	./test/demo.sh

# The sources DKMS builds from: the module's files only (what Kbuild needs,
# without objects). debian/rules installs the same list.
DKMS_FILES = Kbuild VERSION dkms.conf src include
DKMS_DIR = /usr/src/jool-netdev-$(VERSION)

dkms-src:
	@test -n "$(DKMS_DEST)" || { echo "dkms-src: DKMS_DEST=DIR is needed"; exit 1; }
	install -d $(DKMS_DEST)
	tar -C $(CURDIR) -c --exclude='*.o' --exclude='*.ko' --exclude='.*.cmd' \
		--exclude='*.mod' --exclude='*.mod.c' $(DKMS_FILES) | tar -C $(DKMS_DEST) -x

# Running it again first removes the old registration (of this version), so
# that a changed source tree is rebuilt.
dkms-install: dkms-uninstall
	$(MAKE) --no-print-directory dkms-src DKMS_DEST=$(DKMS_DIR)
	dkms add -m jool-netdev -v $(VERSION)
	dkms build -m jool-netdev -v $(VERSION) -k $(KVER)
	dkms install -m jool-netdev -v $(VERSION) -k $(KVER)

dkms-uninstall:
	if dkms status -m jool-netdev -v $(VERSION) | grep -q .; then \
		dkms remove -m jool-netdev -v $(VERSION) --all; fi
	rm -rf $(DKMS_DIR)

# The Debian packages (debian/), into build/deb/.
DEB_DIR := $(CURDIR)/build/deb
deb:
	./test/deb.sh build $(DEB_DIR)

print-kver:
	@echo $(KVER)

style:
	./test/style.sh

clean:
	$(MAKE) -C $(KDIR) M=$(CURDIR) clean 2>/dev/null || \
		rm -f *.ko *.o *.mod* Module.symvers modules.order src/*.o src/core/*.o src/.*.cmd src/core/.*.cmd
	$(MAKE) -C usr clean
	$(MAKE) -C test/unit clean
	$(MAKE) -C test/fuzz clean
	rm -rf build

.PHONY: all module debug usr install uninstall dkms-src dkms-uninstall deb deps unit fuzz check check-kbuild check-jool bench bench-core bench-scale demo dkms-install style clean print-kver
