#include "rules/rl021_intent_violated.h"

#include <fmt/format.h>

#include "expand/value.h"
#include "route/trace.h"

namespace routelint {
namespace {

// A firewall of the path matches an intent's `via` entry by name or by address.
bool FirewallIs(const Firewall& firewall, const std::string& wanted) {
  if (EqualsIgnoreCase(firewall.name, wanted)) return true;
  return firewall.private_ip.known() && firewall.private_ip.value.ToString() == wanted;
}

// True when `wanted` appear among the crossed firewalls in order (others may
// come between them).
bool CrossesInOrder(const Model& model, const std::vector<ObjectIndex>& crossed, const std::vector<std::string>& wanted,
                    std::string* missing) {
  size_t next = 0;
  for (ObjectIndex f : crossed) {
    if (next < wanted.size() && FirewallIs(model.firewalls[f], wanted[next])) ++next;
  }
  if (next < wanted.size()) *missing = wanted[next];
  return next == wanted.size();
}

// Private address space (RFC 1918, shared 100.64/10, IPv6 unique local):
// never reachable through the Internet.
bool IsPrivateAddress(const IpAddress& address) {
  static const char* const kPrivate[] = {"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "fc00::/7"};
  for (const char* text : kPrivate) {
    std::string ignored;
    const std::optional<Prefix> prefix = Prefix::Parse(text, &ignored);
    if (prefix && prefix->Contains(address)) return true;
  }
  return false;
}

bool Arrives(const TraceResult& trace, const IpAddress& destination) {
  switch (trace.outcome) {
    case TraceOutcome::kDelivered:
    case TraceOutcome::kOnPremises: return true;
    // A public address is reached through the Internet; a private one is lost there.
    case TraceOutcome::kInternet: return !IsPrivateAddress(destination);
    default: return false;
  }
}

std::string Crossed(const Model& model, const std::vector<ObjectIndex>& firewalls) {
  std::string list;
  for (ObjectIndex f : firewalls) list += (list.empty() ? "" : " then ") + model.firewalls[f].name;
  return list.empty() ? "no firewall" : list;
}

std::string Listed(const std::vector<std::string>& names) {
  std::string list;
  for (const std::string& n : names) list += (list.empty() ? "" : " then ") + n;
  return list;
}

}  // namespace

const RuleMeta& IntentViolated::meta() const {
  static constexpr RuleMeta kMeta{
      "RL021", "intent-violated", Severity::kError,
      "A reachability intent of the configuration ([[intent]]: from a subnet to an address, through given "
      "firewalls) does not hold on the routes Azure computes."};
  return kMeta;
}

void IntentViolated::Check(const RuleContext& context, std::vector<PendingFinding>* out) const {
  const Model& model = context.model;
  for (const Intent& intent : context.settings.intents) {
    std::string error;
    const ObjectIndex from = FindSubnetByName(model, intent.from, &error);
    if (from == kNone) {
      if (context.diagnostics) {
        context.diagnostics->push_back({"RL902", Severity::kWarning, intent.where,
                                        fmt::format("intent from {} not checked: {}", intent.from, error)});
      }
      continue;
    }
    const TraceResult trace = Trace(context.routes, from, intent.destination);
    if (trace.outcome == TraceOutcome::kUnknown) continue;  // a value on the way is unknown: stay silent
    const std::string subject = fmt::format("{} → {}", intent.from, intent.to);
    std::string problem, fix;
    std::string missing;
    if (!intent.reach) {
      if (!Arrives(trace, intent.destination)) continue;
      problem = fmt::format("traffic arrives ({}) although the intent says it must not", TraceOutcomeText(model, trace));
      fix = "add a user route that sends this destination to the inspecting firewall or to None, or remove the "
            "peering or route that makes it reachable";
    } else if (!Arrives(trace, intent.destination)) {
      problem = fmt::format("traffic does not arrive ({})", TraceOutcomeText(model, trace));
      fix = "add the routes the path needs (see the hops), or correct the intent";
    } else if (!CrossesInOrder(model, trace.firewalls, intent.via, &missing)) {
      problem = fmt::format("traffic arrives but crosses {} instead of {}: it skips {}", Crossed(model, trace.firewalls),
                            Listed(intent.via), missing);
      fix = fmt::format("send {} through the firewalls in the intended order, with a user route on the hop before {} "
                        "that sends it to {}; or correct the intent",
                        intent.to, missing, missing);
    } else {
      continue;
    }
    const Subnet& subnet = model.subnets[from];
    Origin origin{kNotATemplate, {}, {}};
    PendingFinding finding = MakeFinding("Microsoft.Network/virtualNetworks/subnets", SubnetDisplayName(model, from),
                                         subnet.id, origin,
                                         fmt::format("intent {} does not hold: {}. Fix: {}", subject, problem, fix),
                                         intent.to + "|" + Listed(intent.via) + (intent.reach ? "" : "|unreachable"));
    finding.finding.location = intent.where;
    finding.related.push_back({subnet.origin, "the intent's source subnet " + SubnetDisplayName(model, from)});
    AppendFlow(model, trace, "path", &finding);
    out->push_back(std::move(finding));
  }
}

}  // namespace routelint
