// The template functions over IP networks: parseCidr, cidrSubnet, cidrHost.
#ifndef ROUTELINT_EXPAND_IP_FUNCTIONS_H_
#define ROUTELINT_EXPAND_IP_FUNCTIONS_H_

#include <vector>

#include "expand/evaluator.h"

namespace routelint {

Json ParseCidrFunction(const std::vector<Json>& args, Evaluator& evaluator);
Json CidrSubnetFunction(const std::vector<Json>& args, Evaluator& evaluator);
Json CidrHostFunction(const std::vector<Json>& args, Evaluator& evaluator);

}  // namespace routelint

#endif  // ROUTELINT_EXPAND_IP_FUNCTIONS_H_
