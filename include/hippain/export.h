/**
 * @file export.h
 * @brief Symbol visibility: the single HP_API macro that marks the public ABI.
 */
#ifndef HIPPAIN_EXPORT_H
#define HIPPAIN_EXPORT_H

/**
 * @def HP_API
 * Marks a function as part of the public ABI. The library is built with hidden
 * visibility by default, so only declarations carrying HP_API are exported.
 */
#if defined(_WIN32) && !defined(HP_STATIC)
#if defined(HP_BUILDING_LIBRARY)
#define HP_API __declspec(dllexport)
#else
#define HP_API __declspec(dllimport)
#endif
#elif defined(__GNUC__) || defined(__clang__)
#define HP_API __attribute__((visibility("default")))
#else
#define HP_API
#endif

#endif /* HIPPAIN_EXPORT_H */
