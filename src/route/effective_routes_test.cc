#include "route/effective_routes.h"

#include <catch2/catch.hpp>

#include <deque>
#include <string>

namespace routelint {
namespace {

IpAddress Ip(const std::string& text) { return *IpAddress::Parse(text, nullptr); }

// Each test route points at a model Route (as a user route does) in *names,
// which only names it, for telling the routes apart.
EffectiveRoute MakeRoute(std::deque<Route>* names, RouteSource source, const std::string& prefix, const std::string& name,
                         bool active = true) {
  EffectiveRoute r;
  r.source = source;
  r.active = active;
  std::string error;
  r.prefix = Prefix::Parse(prefix, &error);
  static TextPool texts;  // the names live as long as the test binary
  Route& named = names->emplace_back();
  named.name = texts.Keep(name);
  named.address_prefix = Known<Text>::Of(texts.Keep(prefix));
  r.user_route = &named;
  return r;
}

int Rank(RouteSource source) {
  return source == RouteSource::kUser ? 2 : source == RouteSource::kGateway ? 1 : 0;
}

// What Lookup must answer, by its definition: of the active routes holding
// the address, the longest prefix; on one prefix the preferred source, then
// the route listed first.
const EffectiveRoute* Expected(const EffectiveRouteTable& table, const IpAddress& ip) {
  const EffectiveRoute* best = nullptr;
  for (const EffectiveRoute& r : table.routes) {
    if (!r.active || !r.prefix || !r.prefix->Contains(ip)) continue;
    if (best == nullptr || r.prefix->length() > best->prefix->length() ||
        (r.prefix->length() == best->prefix->length() && Rank(r.source) > Rank(best->source))) {
      best = &r;
    }
  }
  return best;
}

EffectiveRouteTable SpokeLikeTable(std::deque<Route>* names) {
  EffectiveRouteTable table;
  table.routes = {MakeRoute(names, RouteSource::kDefault, "10.1.0.0/16", "vnet"),
                  MakeRoute(names, RouteSource::kDefault, "0.0.0.0/0", "internet"),
                  MakeRoute(names, RouteSource::kDefault, "10.0.0.0/8", "reserved"),
                  MakeRoute(names, RouteSource::kGateway, "10.0.0.0/8", "onprem"),
                  MakeRoute(names, RouteSource::kGateway, "192.168.0.0/16", "bgp"),
                  MakeRoute(names, RouteSource::kUser, "0.0.0.0/0", "to-firewall"),
                  MakeRoute(names, RouteSource::kUser, "192.168.0.0/16", "first"),
                  MakeRoute(names, RouteSource::kUser, "192.168.0.0/16", "second"),
                  MakeRoute(names, RouteSource::kUser, "10.1.2.0/24", "inactive", false),
                  MakeRoute(names, RouteSource::kUser, "Storage", "a service tag"),
                  MakeRoute(names, RouteSource::kDefault, "fd00::/8", "v6")};
  return table;
}

const char* const kProbes[] = {"10.1.2.3", "10.1.0.1", "10.200.0.1", "192.168.4.4", "8.8.8.8",
                               "172.16.0.1", "fd00::1", "2001:db8::1", "10.3.7.9", "10.1.255.255"};

TEST_CASE("effective routes: Lookup takes the longest prefix, then the preferred source, then the first listed", "[route]") {
  std::deque<Route> names;
  const EffectiveRouteTable table = SpokeLikeTable(&names);
  CHECK(table.Lookup(Ip("10.1.2.3"))->UserRouteName() == "vnet");  // the inactive /24 does not count
  CHECK(table.Lookup(Ip("10.200.0.1"))->UserRouteName() == "onprem");  // gateway beats the reserved system route
  CHECK(table.Lookup(Ip("192.168.4.4"))->UserRouteName() == "first");  // user beats gateway; first of two users
  CHECK(table.Lookup(Ip("8.8.8.8"))->UserRouteName() == "to-firewall");
  CHECK(table.Lookup(Ip("fd00::1"))->UserRouteName() == "v6");
  CHECK(table.Lookup(Ip("2001:db8::1")) == nullptr);
  for (const char* probe : kProbes) CHECK(table.Lookup(Ip(probe)) == Expected(table, Ip(probe)));
}

TEST_CASE("effective routes: a table too large to scan answers as a scanned one", "[route]") {
  std::deque<Route> names;
  EffectiveRouteTable table = SpokeLikeTable(&names);
  // Routes learned over BGP, as a hub's table holds by the hundred.
  for (int i = 0; i < 300; ++i) {
    table.routes.push_back(MakeRoute(&names, RouteSource::kGateway, "10." + std::to_string(i % 256) + "." + std::to_string(i / 256) + ".0/24",
                                     "learned " + std::to_string(i)));
  }
  table.routes.push_back(MakeRoute(&names, RouteSource::kUser, "10.3.0.0/24", "user over a learned route"));
  CHECK(table.Lookup(Ip("10.3.0.9"))->UserRouteName() == "user over a learned route");
  CHECK(table.Lookup(Ip("10.7.0.9"))->UserRouteName() == "learned 7");
  for (const char* probe : kProbes) CHECK(table.Lookup(Ip(probe)) == Expected(table, Ip(probe)));
}

TEST_CASE("a gateway route says what installs it", "[route]") {
  TextPool texts;
  EffectiveRoute route;
  route.source = RouteSource::kGateway;
  CHECK(route.LearnedFrom().empty());
  route.from = GatewayRouteFrom::kLocalGateway;
  route.from_name = texts.Keep("lng-onprem");
  CHECK(route.LearnedFrom() == "local network gateway lng-onprem");
  route.from = GatewayRouteFrom::kExpressRoute;
  route.from_name = texts.Keep("vgw-hub-blue");
  CHECK(route.LearnedFrom() == "ExpressRoute circuit, from gateway vgw-hub-blue");
  route.from = GatewayRouteFrom::kVnetToVnet;
  route.from_name = texts.Keep("cn-blue-to-green");
  CHECK(route.LearnedFrom() == "VNet-to-VNet connection cn-blue-to-green");
  route.from = GatewayRouteFrom::kOnPremisesBgp;
  route.from_name = Text();
  CHECK(route.LearnedFrom() == "BGP (learned from on-premises)");
}

}  // namespace
}  // namespace routelint
