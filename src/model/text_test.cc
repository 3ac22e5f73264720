#include "model/text.h"

#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <string>

namespace routelint {
namespace {

TEST_CASE("TextPool interns equal texts once while it indexes them", "[model]") {
  TextPool pool;
  std::string source = "/subscriptions/s/resourcegroups/rg/providers/microsoft.network/routetables/rt-spoke";
  const Text first = pool.Intern(source);
  source.assign(source.size(), 'x');  // the pool holds its own copy
  const Text again = pool.Intern("/subscriptions/s/resourcegroups/rg/providers/microsoft.network/routetables/rt-spoke");
  CHECK(first == again);
  CHECK(first.data() == again.data());
  CHECK(first.starts_with("/subscriptions/s/"));
  CHECK(pool.Intern("").empty());

  // Keep copies without looking: a text that does not repeat.
  const Text copy = pool.Keep(first);
  CHECK(copy == first);
  CHECK(copy.data() != first.data());

  pool.ForgetIndex();
  const Text after = pool.Intern(std::string(first));
  CHECK(after == first);
  CHECK(after.data() != first.data());  // a new index: a new copy, and the old one stays valid
  CHECK(first.ends_with("rt-spoke"));
  CHECK(pool.Intern(std::string(first)).data() == after.data());
}

TEST_CASE("TextPool's index grows, and is forgotten whatever its size", "[model]") {
  TextPool pool;
  std::vector<Text> interned;
  for (int i = 0; i < 20000; ++i) interned.push_back(pool.Intern("subnet-" + std::to_string(i)));
  for (int i = 0; i < 20000; ++i) {
    const Text again = pool.Intern("subnet-" + std::to_string(i));
    REQUIRE(again.data() == interned[i].data());
  }
  pool.ForgetIndex();  // a large index is dropped
  CHECK(pool.Intern("subnet-7").data() != interned[7].data());
  for (int i = 0; i < 10; ++i) pool.Intern("route-" + std::to_string(i));
  pool.ForgetIndex();  // a small one is cleared
  const Text route = pool.Intern("route-3");
  CHECK(pool.Intern("route-3").data() == route.data());
  CHECK(interned[19999] == "subnet-19999");
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
