// ARM uniqueString()/guid() and the SHA-1 they need. See arm_hash.h for the
// contract and for where each algorithm comes from.
#include "expand/arm_hash.h"

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace routelint {
namespace {

// ComputeHash.MurmurHash64 constants. c1/c2 are MurmurHash3_x86_128's first
// two block constants; the finaliser is Murmur3's fmix32.
constexpr uint32_t kMurmurC1 = 0x239b961b;    // 597399067
constexpr uint32_t kMurmurC2 = 0xab0e9789;    // 2869860233
constexpr uint32_t kMurmurAdd1 = 0x561ccd1b;  // 1444728091
constexpr uint32_t kMurmurAdd2 = 0x0bcaa747;  // 197830471
constexpr uint32_t kFmixC1 = 0x85ebca6b;      // 2246822507
constexpr uint32_t kFmixC2 = 0xc2b2ae35;      // 3266489909

// ARM's Base32Encode alphabet (RFC 4648 letters, lowercase, no padding).
constexpr std::string_view kBase32Alphabet = "abcdefghijklmnopqrstuvwxyz234567";
constexpr int kUniqueStringLength = 13;

// ExpressionBuiltInFunctions.ARMNamespaceGuid 11fb06fb-712d-4ddd-98c7-
// e71bbd588830, in network byte order (what GuidUtility hashes after its
// SwapByteOrder of Guid.ToByteArray()).
constexpr std::array<uint8_t, 16> kArmGuidNamespace = {
    0x11, 0xfb, 0x06, 0xfb, 0x71, 0x2d, 0x4d, 0xdd,
    0x98, 0xc7, 0xe7, 0x1b, 0xbd, 0x58, 0x88, 0x30};

constexpr std::string_view kHexDigits = "0123456789abcdef";

// Little-endian load of `count` (1..4) bytes starting at `p`.
uint32_t LoadLe(const unsigned char* p, size_t count) {
  uint32_t value = 0;
  for (size_t i = 0; i < count; ++i) {
    value |= static_cast<uint32_t>(p[i]) << (8 * i);
  }
  return value;
}

uint32_t MixK1(uint32_t k) { return std::rotl(k * kMurmurC1, 15) * kMurmurC2; }
uint32_t MixK2(uint32_t k) { return std::rotl(k * kMurmurC2, 17) * kMurmurC1; }

uint32_t Fmix32(uint32_t h) {
  h ^= h >> 16;
  h *= kFmixC1;
  h ^= h >> 13;
  h *= kFmixC2;
  h ^= h >> 16;
  return h;
}

std::string JoinWithDash(const std::vector<std::string>& parts) {
  std::string joined;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) joined += '-';
    joined += parts[i];
  }
  return joined;
}

// SHA-1 (FIPS 180-4 section 6.1) over one 64-byte block.
void Sha1Block(const unsigned char* block, std::array<uint32_t, 5>& state) {
  std::array<uint32_t, 80> w{};
  for (int t = 0; t < 16; ++t) {
    w[t] = static_cast<uint32_t>(block[4 * t]) << 24 |
           static_cast<uint32_t>(block[4 * t + 1]) << 16 |
           static_cast<uint32_t>(block[4 * t + 2]) << 8 |
           static_cast<uint32_t>(block[4 * t + 3]);
  }
  for (int t = 16; t < 80; ++t) {
    w[t] = std::rotl(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
  }
  uint32_t a = state[0], b = state[1], c = state[2], d = state[3], e = state[4];
  for (int t = 0; t < 80; ++t) {
    uint32_t f;
    uint32_t k;
    if (t < 20) {
      f = (b & c) | (~b & d);
      k = 0x5a827999;
    } else if (t < 40) {
      f = b ^ c ^ d;
      k = 0x6ed9eba1;
    } else if (t < 60) {
      f = (b & c) | (b & d) | (c & d);
      k = 0x8f1bbcdc;
    } else {
      f = b ^ c ^ d;
      k = 0xca62c1d6;
    }
    const uint32_t temp = std::rotl(a, 5) + f + e + k + w[t];
    e = d;
    d = c;
    c = std::rotl(b, 30);
    b = a;
    a = temp;
  }
  state[0] += a;
  state[1] += b;
  state[2] += c;
  state[3] += d;
  state[4] += e;
}

}  // namespace

uint64_t ArmMurmurHash64(std::string_view bytes) {
  const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
  const size_t length = bytes.size();
  uint32_t h1 = 0;  // seed 0
  uint32_t h2 = 0;
  size_t index = 0;
  for (; index + 7 < length; index += 8) {
    h1 ^= MixK1(LoadLe(data + index, 4));
    h1 = (std::rotl(h1, 19) + h2) * 5 + kMurmurAdd1;
    h2 ^= MixK2(LoadLe(data + index + 4, 4));
    h2 = (std::rotl(h2, 13) + h1) * 5 + kMurmurAdd2;
  }
  // Tail: up to 4 bytes feed k1, any further (1..3) bytes feed k2; unlike the
  // body, neither h1 nor h2 is rotated/multiplied afterwards.
  const size_t tail = length - index;
  if (tail > 0) {
    h1 ^= MixK1(LoadLe(data + index, tail < 4 ? tail : 4));
    if (tail > 4) h2 ^= MixK2(LoadLe(data + index + 4, tail - 4));
  }
  // ARM casts the length to uint; only its low 32 bits take part.
  const auto length32 = static_cast<uint32_t>(length);
  h1 ^= length32;
  h2 ^= length32;
  h1 += h2;
  h2 += h1;
  h1 = Fmix32(h1);
  h2 = Fmix32(h2);
  h1 += h2;
  h2 += h1;
  return static_cast<uint64_t>(h2) << 32 | h1;
}

std::string ArmUniqueString(const std::vector<std::string>& parts) {
  uint64_t hash = ArmMurmurHash64(JoinWithDash(parts));
  std::string out;
  out.reserve(kUniqueStringLength);
  for (int i = 0; i < kUniqueStringLength; ++i) {
    out += kBase32Alphabet[static_cast<size_t>(hash >> 59)];
    hash <<= 5;
  }
  return out;
}

std::array<uint8_t, 20> Sha1(std::string_view bytes) {
  std::array<uint32_t, 5> state = {0x67452301, 0xefcdab89, 0x98badcfe,
                                   0x10325476, 0xc3d2e1f0};
  const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
  const size_t length = bytes.size();
  size_t offset = 0;
  for (; offset + 64 <= length; offset += 64) Sha1Block(data + offset, state);

  // Padding: 0x80, zeros, then the bit length big-endian in the last 8 bytes;
  // one or two final blocks depending on how much of the message is left.
  std::array<unsigned char, 128> last{};
  const size_t rest = length - offset;
  for (size_t i = 0; i < rest; ++i) last[i] = data[offset + i];
  last[rest] = 0x80;
  const size_t final_size = rest + 1 + 8 <= 64 ? 64 : 128;
  const uint64_t bit_length = static_cast<uint64_t>(length) * 8;
  for (int i = 0; i < 8; ++i) {
    last[final_size - 1 - i] =
        static_cast<unsigned char>(bit_length >> (8 * i));
  }
  for (size_t block = 0; block < final_size; block += 64) {
    Sha1Block(last.data() + block, state);
  }

  std::array<uint8_t, 20> digest{};
  for (size_t i = 0; i < 5; ++i) {
    for (size_t j = 0; j < 4; ++j) {
      digest[4 * i + j] = static_cast<uint8_t>(state[i] >> (24 - 8 * j));
    }
  }
  return digest;
}

std::string UuidV5(const std::array<uint8_t, 16>& namespace_id,
                   std::string_view name) {
  std::string input(namespace_id.begin(), namespace_id.end());
  input.append(name);
  const std::array<uint8_t, 20> hash = Sha1(input);

  std::array<uint8_t, 16> uuid{};
  for (size_t i = 0; i < uuid.size(); ++i) uuid[i] = hash[i];
  uuid[6] = static_cast<uint8_t>((uuid[6] & 0x0f) | 0x50);  // version 5
  uuid[8] = static_cast<uint8_t>((uuid[8] & 0x3f) | 0x80);  // RFC 4122 variant

  std::string out;
  out.reserve(36);
  for (size_t i = 0; i < uuid.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += kHexDigits[uuid[i] >> 4];
    out += kHexDigits[uuid[i] & 0x0f];
  }
  return out;
}

std::string ArmGuid(const std::vector<std::string>& parts) {
  return UuidV5(kArmGuidNamespace, JoinWithDash(parts));
}

}  // namespace routelint
