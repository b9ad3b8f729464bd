/* The leak check of a sanitizer build, run early where the one at exit could
 * not work; nothing in a normal build. */
#ifndef NSTOOLS_LEAKCHECK_H
#define NSTOOLS_LEAKCHECK_H

/* gcc says -fsanitize=address with __SANITIZE_ADDRESS__, clang with __has_feature */
#if defined(__SANITIZE_ADDRESS__)
# define NSTOOLS_ASAN 1
#elif defined(__has_feature)
# if __has_feature(address_sanitizer)
#  define NSTOOLS_ASAN 1
# endif
#endif

#ifdef NSTOOLS_ASAN
# include <sanitizer/lsan_interface.h>
# define leak_check_now() __lsan_do_leak_check()
#else
# define leak_check_now() ((void) 0)
#endif

#endif
