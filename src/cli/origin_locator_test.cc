// Tests for OriginLocator: finding origins costs work linear in the files it
// reads, however many findings point into them (a large file with thousands
// of findings once took seconds per file).
#include <catch2/catch.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

#include "cli/lint.h"

namespace routelint {
namespace {

namespace fs = std::filesystem;

// A file of `spokes` VNets with four subnets each, pretty-printed as Bicep
// writes templates; removed at the end of the test.
class GeneratedTemplate {
 public:
  explicit GeneratedTemplate(int spokes)
      : path_((fs::temp_directory_path() / fmt::format("routelint-locator-{}-{}.json", ::getpid(), spokes)).string()) {
    nlohmann::json resources = nlohmann::json::array();
    for (int s = 0; s < spokes; ++s) {
      nlohmann::json subnets = nlohmann::json::array();
      for (int k = 0; k < 4; ++k) {
        subnets.push_back({{"name", fmt::format("snet-{}", k)},
                           {"properties", {{"addressPrefix", fmt::format("10.{}.{}.{}/26", s / 250, s % 250, k * 64)}}}});
      }
      resources.push_back({{"type", "Microsoft.Network/virtualNetworks"},
                           {"name", fmt::format("vnet-spoke-{}", s)},
                           {"properties", {{"subnets", subnets}}}});
    }
    nlohmann::json document = nlohmann::json::object();
    document["$schema"] = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#";
    document["resources"] = resources;
    std::ofstream(path_) << document.dump(2);
  }
  ~GeneratedTemplate() { fs::remove(path_); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Locates a finding in each of the first `findings` VNets: the VNet, and
// each of its subnets as a related location.
size_t WorkToLocate(const std::string& file, int findings) {
  OriginLocator locator(std::vector<std::string>{file});
  for (int s = 0; s < findings; ++s) {
    const Location vnet = locator.Locate(Origin{0, fmt::format("/resources/{}", s), {}});
    REQUIRE(vnet.line > 0);
    for (int k = 0; k < 4; ++k) {
      const Location subnet = locator.Locate(Origin{0, fmt::format("/resources/{}/properties/subnets/{}", s, k), {}});
      REQUIRE(subnet.line > vnet.line);
    }
  }
  return locator.work();
}

TEST_CASE("origin locator: doubling the findings in a fixed file at most doubles the work", "[cli][locate]") {
  const GeneratedTemplate file(400);
  const size_t size = fs::file_size(file.path());
  const size_t quarter = WorkToLocate(file.path(), 100);
  const size_t half = WorkToLocate(file.path(), 200);
  const size_t whole = WorkToLocate(file.path(), 400);
  CHECK(half <= 2 * quarter);
  CHECK(whole <= 2 * half);
  // Linear in the file: 2,000 locations cost a few passes over it, where
  // scanning from the top for each would cost about a thousand.
  CHECK(whole <= 10 * size);
}

TEST_CASE("origin locator: positions are those of the source text", "[cli][locate]") {
  const GeneratedTemplate file(3);
  OriginLocator locator(std::vector<std::string>{file.path()});
  // dump(2): "{", "$schema", "resources": [, then the first resource's "{"
  // on line 4; its members sorted: name, properties, type.
  const Location first = locator.Locate(Origin{0, "/resources/0", {}});
  CHECK(first.file == file.path());
  CHECK(first.line == 4);
  CHECK(first.column == 5);
  const Location name = locator.Locate(Origin{0, "/resources/0/name", {}});
  CHECK(name.line == 5);
  CHECK(name.column == 7);
  // A path that goes missing part-way stays at the deepest place found.
  const Location missing = locator.Locate(Origin{0, "/resources/0/properties/nothing", {}});
  CHECK(missing.line == 6);
}

TEST_CASE("origin locator: a released file is read again when a place in it is asked for", "[locator]") {
  GeneratedTemplate file(20);
  OriginLocator locator(std::vector<std::string>{file.path()});
  const Origin subnet{0, "/resources/7/properties/subnets/2", {}};
  const Location before = locator.Locate(subnet);
  REQUIRE(before.line > 0);
  const size_t work_before = locator.work();
  locator.Release(0);
  CHECK(locator.work() < work_before);  // what was read of it is gone
  const Location after = locator.Locate(subnet);
  CHECK(after == before);
  locator.Release(7);  // no such file: nothing to free
  CHECK(locator.Locate(Origin{0, "/resources/19", {}}).line > after.line);
}

}  // namespace
}  // namespace routelint
