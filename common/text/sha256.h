// SHA-256 of a byte string as lowercase hex, used as the content address of archived documents.
//
//   Sha256Hex("abc");  // "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
#ifndef FAZHI_COMMON_TEXT_SHA256_H_
#define FAZHI_COMMON_TEXT_SHA256_H_

#include <string>
#include <string_view>

namespace fazhi::text {

std::string Sha256Hex(std::string_view bytes);

}  // namespace fazhi::text

#endif  // FAZHI_COMMON_TEXT_SHA256_H_
