// The Bicep declaration scanner and the source map on any text, as the
// source of a small compiled template (a module with a loop, a property loop
// and a registry module), mapping the pointers findings use.
//
// Checks: positions lie inside the text; a declaration starts at or after
// its first decorator and ends at or after its keyword; an ignore comment's
// span is ordered; a mapped place is in a file the map was given.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "bicep/bicep_map.h"
#include "bicep/bicep_source.h"
#include "fuzz_check.h"

namespace {

using routelint::BicepPosition;

void CheckPosition(BicepPosition at, int lines) {
  FUZZ_CHECK(at.line >= 1 && at.line <= lines);
  FUZZ_CHECK(at.column >= 1);
}

void CheckObject(const routelint::BicepObject& object, int lines, int depth) {
  FUZZ_CHECK(depth <= routelint::kMaxBicepDepth + 2);
  for (const auto& p : object.properties) {
    CheckPosition(p.at, lines);
    FUZZ_CHECK(p.last_line >= p.at.line && p.last_line <= lines);
    if (p.object) CheckObject(*p.object, lines, depth + 1);
    if (p.array) {
      for (const auto& item : p.array->items) {
        if (item) CheckObject(*item, lines, depth + 1);
      }
      if (p.array->loop_body) CheckObject(*p.array->loop_body, lines, depth + 1);
    }
  }
}

const nlohmann::json& Compiled() {
  static const nlohmann::json compiled = nlohmann::json::parse(R"({
    "parameters": {"spokes": {}},
    "resources": [
      {"type": "Microsoft.Network/routeTables", "name": "rt", "properties": {"routes": [{"properties": {}}]}},
      {"type": "Microsoft.Network/routeTables", "copy": {"name": "tables"}, "name": "[x]"},
      {"type": "Microsoft.Resources/deployments", "name": "hub", "properties": {"template": {
        "parameters": {"spokes": {}},
        "resources": [{"type": "Microsoft.Network/virtualNetworks", "name": "v",
                       "properties": {"copy": [{"name": "subnets", "input": {}}]}}]}}}
    ]})");
  return compiled;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const int lines = static_cast<int>(std::count(text.begin(), text.end(), '\n')) + 1;
  const routelint::BicepSource source = routelint::ScanBicep(text);
  for (const routelint::BicepDeclaration& d : source.declarations) {
    CheckPosition(d.at, lines);
    FUZZ_CHECK(d.first_line >= 1 && d.first_line <= d.at.line);
    FUZZ_CHECK(d.last_line >= d.at.line && d.last_line <= lines);
    if (d.body) CheckObject(*d.body, lines, 0);
  }
  for (const routelint::BicepIgnoreComment& c : source.ignore_comments) {
    CheckPosition(c.at, lines);
    FUZZ_CHECK(c.first_line == 0 || (c.first_line <= c.last_line && c.last_line <= lines));
  }

  // The same text as the entry file and as its module.
  routelint::BicepSourceMap map(Compiled(), "main.bicep", [&text](const std::string& path, std::string* out) {
    if (path != "main.bicep" && path != "modules/hub.bicep") return false;
    *out = text;
    return true;
  });
  static constexpr std::string_view kPointers[] = {
      "/resources/0/properties/routes/0/properties/nextHopType",
      "/resources/1/properties/disableBgpRoutePropagation",
      "/resources/2/properties/template/resources/0/properties/copy/0/input/properties/routeTable",
      "/resources/2/properties/template/resources/0/properties/subnets/3",
      "/resources/2/properties/parameters/spokes/value",
      "/parameters/spokes",
      "/resources/9",
      "",
  };
  for (std::string_view pointer : kPointers) {
    routelint::BicepPlace place;
    if (!map.Map(pointer, &place)) continue;
    FUZZ_CHECK(place.file == "main.bicep" || place.file == "modules/hub.bicep");
    FUZZ_CHECK(place.line >= 1 && place.line <= lines && place.column >= 1);
  }
  return 0;
}
