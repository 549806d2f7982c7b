# Release builds (see README, 安装与系统要求 / Install and requirements).
# Version and build number come from FyneApp.toml. Everything is built from a
# copy of the tree in build/src; results go to dist/.
#
#   make dist            Windows installer + portable zip, Linux .deb
#   make dist-windows    dist/taizhang-VERSION-setup.exe, -portable.zip
#   make dist-linux      dist/taizhang_VERSION_amd64.deb
#   make dist-linux-arm64  dist/taizhang_VERSION_arm64.deb (cross-built with
#                        Debian multiarch; `make dist ARM64=1` adds it to dist)
#   make smoke-windows   builds the Windows release, installs and runs it under Wine
#   make sign-test       signs with a throwaway self-signed certificate and verifies
#   make clean-dist      removes build/ and dist/

.PHONY: dist dist-windows dist-linux dist-linux-arm64 smoke-windows sign-test clean-dist

dist:
	ARM64=$(ARM64) scripts/dist.sh

dist-windows:
	scripts/dist-windows.sh

dist-linux:
	scripts/dist-linux.sh amd64

dist-linux-arm64:
	scripts/dist-linux.sh arm64

smoke-windows: dist-windows
	scripts/smoke-windows.sh

sign-test:
	scripts/dist-signtest.sh

clean-dist:
	rm -rf build dist
