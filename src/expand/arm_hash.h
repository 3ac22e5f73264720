// The two hashing template functions of Azure Resource Manager, uniqueString()
// and guid(), reproduced bit for bit so that names derived from them (storage
// accounts, role assignments, ...) match what a real deployment produces.
//
// Contract (both functions):
//   * The arguments are joined with a single '-' ("a","b" -> "a-b"; a single
//     argument is used as is). ARM requires at least one argument; that arity
//     check belongs to the caller. An empty `parts` behaves like one empty
//     string.
//   * The joined text is hashed as bytes. ARM hashes
//     Encoding.UTF8.GetBytes(joined), so callers must pass UTF-8 (what the
//     JSON loader produces); the bytes are used unchanged, never normalised or
//     case-folded. Hashes are case-sensitive.
//   * Pure functions: no global state, nothing thrown (except std::bad_alloc).
//
// Sources of the algorithms (public code read while writing this file):
//   * uniqueString: ARM's Azure.Deployments.Expression
//     ExpressionBuiltInFunctions.UniqueString -> Base32Encode(
//     ComputeHash.MurmurHash64(string)) where MurmurHash64 is
//     Microsoft.WindowsAzure.ResourceStack.Common.Algorithms.ComputeHash (a
//     Murmur3-x86 style 2x32-bit variant, seed 0). Read as decompiled C#
//     (ILSpy-style snippet of ExpressionBuiltInFunctions.UniqueString,
//     Base32Encode and ComputeHash.MurmurHash64) and in Microsoft's
//     MIT-licensed PolicyLinter port of ExpressionBuiltInFunctions
//     (Microsoft.WindowsAzure.Governance.PolicyLinter...EvaluationHelpers),
//     and cross-checked with independent ports that agree with it:
//     Azure/terraform-provider-azapi
//     internal/services/functions/unique_string_function.go,
//     philsphicas/aztunnel e2e/infra/uniquestring.sh, EmmittJ
//     Aspire.Hosting.Pulumi.Azure ArmFunctions.cs, maskati's gist
//     23f329e7db43c00184143f04498e537c.
//     Note: PSRule for Azure (Azure/PSRule.Rules.Azure, ExpressionHelpers.cs
//     GetUnique/GetUniqueString) does NOT implement it: its own comment says
//     "Not actual hash algorithm used in Azure" (SHA-256, 14 hex characters).
//   * guid: the same ExpressionBuiltInFunctions.Guid ->
//     GuidUtility.Create(namespaceId: ARMNamespaceGuid
//     (11fb06fb-712d-4ddd-98c7-e71bbd588830), name: joined, version: 5), an
//     RFC 4122 section 4.3 (RFC 9562 section 5.5) name-based SHA-1 UUID over
//     UTF-8 bytes. The GuidUtility.Create signature is Faithlife.Utility's,
//     whose code swaps .NET's little-endian Guid fields to network order
//     before hashing and back afterwards; EmmittJ's ArmFunctions.cs port spells
//     the same swaps out. Net effect: the printed GUID is the plain RFC
//     big-endian rendering of the first 16 digest bytes with the version and
//     variant bits set, i.e. Python's uuid.uuid5(ARM namespace, joined).
//   * SHA-1: FIPS 180-4.
#ifndef ROUTELINT_EXPAND_ARM_HASH_H_
#define ROUTELINT_EXPAND_ARM_HASH_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace routelint {

/// ARM's uniqueString(a, b, ...): the arguments joined with '-', hashed with
/// ARM's MurmurHash64 variant, rendered as 13 lowercase base32 characters
/// (alphabet "a-z2-7", most significant 5 bits first; the 13th character
/// carries the last 4 bits shifted left by one).
std::string ArmUniqueString(const std::vector<std::string>& parts);

/// ARM's guid(a, b, ...): a name-based UUID (SHA-1, version 5 layout) from the
/// namespace ARM uses over the arguments joined with '-', lowercase
/// "8-4-4-4-12".
std::string ArmGuid(const std::vector<std::string>& parts);

/// SHA-1 digest of bytes (20 bytes), used by ArmGuid.
std::array<uint8_t, 20> Sha1(std::string_view bytes);

/// ARM's 64-bit MurmurHash variant (ComputeHash.MurmurHash64, seed 0) of raw
/// bytes; ArmUniqueString is its base32 rendering. Exposed for tests and for
/// callers that need the numeric hash.
uint64_t ArmMurmurHash64(std::string_view bytes);

/// RFC 4122 / RFC 9562 name-based version-5 UUID of `name` in the namespace
/// `namespace_id` (given in network byte order, i.e. the bytes of its
/// "8-4-4-4-12" text read left to right), as lowercase "8-4-4-4-12". ArmGuid
/// is this with ARM's namespace.
std::string UuidV5(const std::array<uint8_t, 16>& namespace_id,
                   std::string_view name);

}  // namespace routelint

#endif  // ROUTELINT_EXPAND_ARM_HASH_H_
