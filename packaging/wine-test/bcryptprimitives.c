// Test-only stand-in for bcryptprimitives.dll under Wine 8, which lacks it.
// Go 1.26's runtime loads bcryptprimitives.dll from system32 and takes all
// randomness from ProcessPrng; this DLL forwards that call to bcrypt's
// BCryptGenRandom. scripts/smoke-windows.sh builds it and copies it into the
// throwaway Wine prefix only. It is never installed or shipped: Windows 10
// and later have the real DLL.
//
// Build: x86_64-w64-mingw32-gcc -shared -O2 -o bcryptprimitives.dll bcryptprimitives.c -lbcrypt
#include <windows.h>
#include <bcrypt.h>

// BOOL ProcessPrng(PBYTE pbData, SIZE_T cbData): always succeeds on Windows,
// so failure is reported as FALSE rather than aborting.
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T size)
{
	while (size > 0) {
		// BCryptGenRandom takes a ULONG length: fill larger buffers in chunks.
		ULONG chunk = size > 0x40000000 ? 0x40000000 : (ULONG)size;
		if (!BCRYPT_SUCCESS(BCryptGenRandom(NULL, data, chunk, BCRYPT_USE_SYSTEM_PREFERRED_RNG)))
			return FALSE;
		data += chunk;
		size -= chunk;
	}
	return TRUE;
}
