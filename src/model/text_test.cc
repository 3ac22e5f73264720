#include "model/text.h"

#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <string>

namespace routelint {
namespace {

TEST_CASE("TextPool keeps equal texts once while it indexes them", "[model]") {
  TextPool pool;
  std::string source = "/subscriptions/s/resourcegroups/rg/providers/microsoft.network/routetables/rt-spoke";
  const Text first = pool.Keep(source);
  source.assign(source.size(), 'x');  // the pool holds its own copy
  const Text again = pool.Keep("/subscriptions/s/resourcegroups/rg/providers/microsoft.network/routetables/rt-spoke");
  CHECK(first == again);
  CHECK(first.data() == again.data());
  CHECK(first.starts_with("/subscriptions/s/"));
  CHECK(pool.Keep("").empty());

  pool.ForgetIndex();
  const Text after = pool.Keep(std::string(first));
  CHECK(after == first);
  CHECK(after.data() != first.data());  // no index: a new copy, and the old one stays valid
  CHECK(first.ends_with("rt-spoke"));
}

TEST_CASE("TextPool keeps texts longer than a block, and never moves what it kept", "[model]") {
  TextPool pool;
  const std::string long_text(200 * 1024, 'a');
  std::vector<Text> kept;
  for (int i = 0; i < 5000; ++i) kept.push_back(pool.Keep("name-" + std::to_string(i)));
  const Text large = pool.Keep(long_text);
  CHECK(large.size() == long_text.size());
  CHECK(pool.capacity() >= long_text.size());
  for (int i = 0; i < 5000; ++i) REQUIRE(kept[i] == "name-" + std::to_string(i));
}

TEST_CASE("Text reads as a string view, joins into strings and formats", "[model]") {
  TextPool pool;
  const Text name = pool.Keep("vnet-hub/GatewaySubnet");
  const Text literal = "VirtualAppliance";
  CHECK(literal == std::string("VirtualAppliance"));
  CHECK(name.Sub(0, name.find('/')) == "vnet-hub");
  CHECK(name.Sub(name.find('/') + 1).data() == name.data() + 9);  // a part views the same bytes
  CHECK("subnet " + name == "subnet vnet-hub/GatewaySubnet");
  CHECK(name + " of " + literal == "vnet-hub/GatewaySubnet of VirtualAppliance");
  CHECK(std::string("route ") + literal == "route VirtualAppliance");
  CHECK(name + '!' == "vnet-hub/GatewaySubnet!");
  const std::string copy = name;
  CHECK(copy == "vnet-hub/GatewaySubnet");
  CHECK(fmt::format("[{:>10}]", Text("abc")) == "[       abc]");
  CHECK(Text().empty());
}

}  // namespace
}  // namespace routelint
