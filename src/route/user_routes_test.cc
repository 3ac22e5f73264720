#include "route/user_routes.h"

#include <catch2/catch.hpp>

namespace routelint {
namespace {

// Where the routes' texts are kept: the tests' routes live as long as the test binary.
TextPool& Texts() {
  static TextPool pool;
  return pool;
}

Route MakeRoute(const std::string& name, const std::string& prefix, const std::string& hop_ip) {
  Route r;
  r.name = Texts().Keep(name);
  r.address_prefix = Known<Text>::Of(Texts().Keep(prefix));
  std::string error;
  r.prefix = Prefix::Parse(prefix, &error);
  r.next_hop_type = Known<Text>::Of("VirtualAppliance");
  r.next_hop_ip = Known<Text>::Of(Texts().Keep(hop_ip));
  r.next_hop_address = IpAddress::Parse(hop_ip, &error);
  return r;
}

Prefix P(const char* text) {
  std::string error;
  return *Prefix::Parse(text, &error);
}

TEST_CASE("UserRouteIndex answers as the route scans do", "[route]") {
  RouteTable table;
  table.routes = {MakeRoute("default", "0.0.0.0/0", "10.1.0.4"), MakeRoute("green", "10.2.0.0/16", "10.2.0.4"),
                  MakeRoute("green-again", "10.2.0.0/16", "10.9.0.4"), MakeRoute("spoke", "10.2.4.0/22", "10.2.0.5")};
  table.routes[3].next_hop_ip = Known<Text>::Unknown();
  const UserRouteIndex index(table);
  for (const char* destination : {"10.2.4.0/24", "10.2.8.0/22", "10.2.0.0/16", "10.0.0.0/8", "192.168.1.0/24", "0.0.0.0/0"}) {
    INFO(destination);
    CHECK(index.Covering(P(destination)) == CoveringUserRoute(table, P(destination)));
    CHECK(index.HasUnknownFor(P(destination)) == HasUnknownRouteFor(table, P(destination)));
  }
  CHECK(index.Covering(P("10.2.8.0/22"))->name == "green");  // the first of equal prefixes
  CHECK(index.HasUnknownFor(P("10.2.4.0/24")));
  CHECK_FALSE(index.HasUnknownFor(P("10.2.8.0/22")));

  table.routes_unknown = true;
  CHECK(UserRouteIndex(table).HasUnknownFor(P("192.168.1.0/24")));
}

}  // namespace
}  // namespace routelint
