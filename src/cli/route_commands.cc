#include "cli/route_commands.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "expand/value.h"
#include "route/effective_routes.h"
#include "route/trace.h"

namespace routelint {
namespace {

using OrderedJson = nlohmann::ordered_json;

// Lints the estate; problems that make the model unusable are printed.
bool PrepareEngineInputs(const LintOptions& options, LintOutput* lint, std::FILE* err) {
  *lint = RunLint(options);
  bool usable = true;
  for (const Diagnostic& d : lint->report.diagnostics) {
    if (d.severity != Severity::kError) continue;
    fmt::print(err, "{}:{}:{}: error: {} [{}]\n", d.location.file, d.location.line, d.location.column, d.message, d.id);
    if (d.location.file == options.bgp_routes) usable = false;
  }
  return usable;
}

std::string OrDash(std::string_view text) { return text.empty() ? "-" : std::string(text); }

std::string LocationText(const Location& l) {
  return l.file.empty() ? "" : l.line > 0 ? fmt::format("{}:{}:{}", l.file, l.line, l.column) : l.file;
}

std::string CsvField(std::string_view text) {
  if (text.find_first_of(",\"\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

OrderedJson RouteJson(const EffectiveRoute& r, OriginLocator& locator) {
  OrderedJson j = OrderedJson::object();
  j["source"] = std::string(RouteSourceName(r.source));
  j["state"] = r.active ? "Active" : "Invalid";
  j["addressPrefix"] = r.PrefixText();
  j["nextHopType"] = std::string(NextHopTypeArmName(r.next_hop));
  j["nextHopIpAddress"] = r.next_hop_ip ? r.next_hop_ip->ToString() : "";
  j["userRouteName"] = std::string(r.UserRouteName());
  const Location where = r.user_route ? locator.Locate(r.user_route->origin) : Location{};
  j["file"] = where.file;
  j["line"] = where.line;
  j["column"] = where.column;
  j["origin"] = r.LearnedFrom();
  return j;
}

}  // namespace

OrderedJson EffectiveRoutesDocument(const Model& model, RoutingEngine& engine, ObjectIndex subnet, OriginLocator& locator) {
  const EffectiveRouteTable& table = engine.RoutesOf(subnet);
  const RouteTable* rt = model.RouteTableOf(model.subnets[subnet]);
  OrderedJson doc = OrderedJson::object();
  doc["subnet"] = SubnetDisplayName(model, subnet);
  doc["routeTable"] = rt ? rt->name : "";
  doc["complete"] = !table.incomplete;
  OrderedJson& routes = doc["value"] = OrderedJson::array();
  for (const EffectiveRoute& r : table.routes) routes.push_back(RouteJson(r, locator));
  return doc;
}

int RunRoutesCommand(const LintOptions& options, const std::string& subnet_spec, const std::string& format,
                     std::FILE* out, std::FILE* err) {
  LintOutput lint;
  if (!PrepareEngineInputs(options, &lint, err)) return 2;
  std::string error;
  const ObjectIndex subnet = FindSubnetByName(lint.model, subnet_spec, &error);
  if (subnet == kNone) {
    fmt::print(err, "routelint: {}\n", error);
    return 2;
  }
  RoutingEngine engine(lint.model, lint.learned);
  const EffectiveRouteTable& table = engine.RoutesOf(subnet);
  OriginLocator locator(lint);
  const Subnet& s = lint.model.subnets[subnet];
  const RouteTable* rt = lint.model.RouteTableOf(s);
  if (format == "json") {
    const OrderedJson doc = EffectiveRoutesDocument(lint.model, engine, subnet, locator);
    fmt::print(out, "{}\n", doc.dump(2, ' ', false, OrderedJson::error_handler_t::replace));
  } else if (format == "csv") {
    fmt::print(out, "Source,State,Address Prefixes,Next Hop Type,Next Hop IP Address,User Defined Route Name,Defined At\n");
    for (const EffectiveRoute& r : table.routes) {
      fmt::print(out, "{},{},{},{},{},{},{}\n", CsvField(std::string(RouteSourceName(r.source))), r.active ? "Active" : "Invalid",
                 CsvField(r.PrefixText()), CsvField(std::string(NextHopTypeName(r.next_hop))),
                 r.next_hop_ip ? r.next_hop_ip->ToString() : "", CsvField(r.UserRouteName()),
                 CsvField(r.user_route ? LocationText(locator.Locate(r.user_route->origin)) : ""));
    }
  } else {
    fmt::print(out, "Effective routes of {}{}\n", SubnetDisplayName(lint.model, subnet),
               rt ? " (route table " + rt->name + ")" : " (no route table)");
    fmt::print(out, "{:<24} {:<8} {:<36} {:<24} {:<15} {:<20} {}\n", "Source", "State", "Address prefixes", "Next hop type",
               "Next hop IP", "User route", "Defined at");
    for (const EffectiveRoute& r : table.routes) {
      fmt::print(out, "{:<24} {:<8} {:<36} {:<24} {:<15} {:<20} {}\n", RouteSourceName(r.source), r.active ? "Active" : "Invalid",
                 r.PrefixText(), NextHopTypeName(r.next_hop), r.next_hop_ip ? r.next_hop_ip->ToString() : "-",
                 OrDash(r.UserRouteName()),
                 r.user_route ? LocationText(locator.Locate(r.user_route->origin)) : OrDash(r.LearnedFrom()));
    }
    if (table.incomplete) {
      fmt::print(out, "note: some inputs of this subnet's routes are unknown before deployment; Azure may add or change routes\n");
    }
    if (table.service_tags_unexpanded) {
      fmt::print(out, "note: service-tag routes are listed but not expanded into prefixes\n");
    }
  }
  return 0;
}

namespace {

std::string HopLocation(const Model& model, const TraceHop& hop, OriginLocator& locator) {
  const std::optional<Origin> origin = HopOrigin(model, hop);
  return origin ? LocationText(locator.Locate(*origin)) : "";
}

void PrintTrace(const Model& model, const TraceResult& t, OriginLocator& locator, std::FILE* out) {
  for (size_t i = 0; i < t.hops.size(); ++i) {
    const TraceHop& hop = t.hops[i];
    fmt::print(out, "  {:>2}  {}\n", i + 1, TraceHopText(model, t, i));
    if (hop.has_route) fmt::print(out, "      route {}   {}\n", DescribeRoute(hop.route), HopLocation(model, hop, locator));
  }
  fmt::print(out, "  →   {}\n", TraceOutcomeText(model, t));
}

OrderedJson TraceJson(const Model& model, const TraceResult& t, OriginLocator& locator) {
  OrderedJson j = OrderedJson::object();
  j["outcome"] = std::string(TraceOutcomeName(t.outcome));
  j["detail"] = TraceOutcomeText(model, t);
  OrderedJson& hops = j["hops"] = OrderedJson::array();
  for (size_t i = 0; i < t.hops.size(); ++i) {
    const TraceHop& hop = t.hops[i];
    OrderedJson h = OrderedJson::object();
    h["kind"] = hop.kind == TraceHop::Kind::kSource ? "subnet" : hop.kind == TraceHop::Kind::kAppliance ? "appliance" : "gateway";
    h["at"] = TraceHopText(model, t, i);
    h["route"] = hop.has_route ? RouteJson(hop.route, locator) : OrderedJson(nullptr);
    h["where"] = HopLocation(model, hop, locator);
    hops.push_back(std::move(h));
  }
  OrderedJson& firewalls = j["firewalls"] = OrderedJson::array();
  for (ObjectIndex f : t.firewalls) firewalls.push_back(model.firewalls[f].name);
  return j;
}

// Same stateful appliances both ways, in any order.
bool Symmetric(const TraceResult& forward, const TraceResult& back) {
  std::vector<ObjectIndex> a = forward.firewalls, b = back.firewalls;
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  return a == b;
}

}  // namespace

int RunTraceCommand(const LintOptions& options, const std::string& from, const std::string& to, const std::string& format,
                    std::FILE* out, std::FILE* err) {
  std::string error;
  std::optional<IpAddress> destination = IpAddress::Parse(to, &error);
  if (!destination) {
    fmt::print(err, "routelint: --to: {}\n", error);
    return 2;
  }
  LintOutput lint;
  if (!PrepareEngineInputs(options, &lint, err)) return 2;
  const ObjectIndex subnet = FindSubnetByName(lint.model, from, &error);
  if (subnet == kNone) {
    fmt::print(err, "routelint: {}\n", error);
    return 2;
  }
  RoutingEngine engine(lint.model, lint.learned);
  const TraceResult forward = Trace(engine, subnet, *destination);
  const TraceResult back = ReturnPath(engine, forward);
  const bool has_return = !back.hops.empty();
  OriginLocator locator(lint);
  if (format == "json") {
    OrderedJson doc = OrderedJson::object();
    doc["from"] = SubnetDisplayName(lint.model, subnet);
    doc["to"] = destination->ToString();
    doc["forward"] = TraceJson(lint.model, forward, locator);
    doc["return"] = has_return ? TraceJson(lint.model, back, locator) : OrderedJson(nullptr);
    doc["symmetric"] = has_return ? OrderedJson(Symmetric(forward, back)) : OrderedJson(nullptr);
    fmt::print(out, "{}\n", doc.dump(2, ' ', false, OrderedJson::error_handler_t::replace));
  } else {
    fmt::print(out, "trace from {} to {}\n", SubnetDisplayName(lint.model, subnet), destination->ToString());
    PrintTrace(lint.model, forward, locator, out);
    if (has_return) {
      fmt::print(out, "return path to {}\n", lint.model.subnets[subnet].prefixes.front().Host(4)->ToString());
      PrintTrace(lint.model, back, locator, out);
      auto names = [&](const TraceResult& t) {
        std::string list;
        for (ObjectIndex f : t.firewalls) list += (list.empty() ? "" : ", ") + lint.model.firewalls[f].name;
        return list.empty() ? std::string("no firewall") : list;
      };
      if (Symmetric(forward, back)) {
        fmt::print(out, "both directions cross {}: symmetric\n", names(forward));
      } else {
        fmt::print(out, "asymmetric: the way there crosses {}, the way back {}; a stateful firewall drops the replies\n",
                   names(forward), names(back));
      }
    }
  }
  return 0;
}

}  // namespace routelint
