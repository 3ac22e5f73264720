// The declarations of one .bicep file, as far as locating findings needs
// them: resources (with their nested child resources), modules, parameter and
// output names, the keys of every object literal in a declaration's body with
// their lines, and `// routelint-ignore` comments. A small scanner, not a
// Bicep compiler: expressions are stepped over (brackets balanced, strings and
// interpolations skipped), never evaluated.
//
// Contract:
//  - Never throws; any text gives a result. What the scanner cannot follow
//    (an unbalanced bracket, a statement it does not know) is stepped over to
//    the end of its line, so a typo costs the declarations around it, not the
//    file.
//  - Linear in the text; nesting deeper than kMaxDepth is stepped over.
//  - Lines and columns are 1-based; columns count code points.
#ifndef ROUTELINT_BICEP_BICEP_SOURCE_H_
#define ROUTELINT_BICEP_BICEP_SOURCE_H_

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace routelint {

struct BicepPosition {
  int line = 0;
  int column = 0;
};

struct BicepArray;

/// An object literal: its properties in source order.
struct BicepObject {
  struct Property {
    std::string key;
    BicepPosition at;   // the key
    int last_line = 0;  // where the value ends
    std::unique_ptr<BicepObject> object;  // the value, when it is an object literal
    std::unique_ptr<BicepArray> array;    // the value, when it is an array literal or a for loop
  };
  BicepPosition at;  // its '{'
  std::vector<Property> properties;
  /// The property named `key`: exact match first, then ASCII case-insensitive
  /// (ARM property names are case-insensitive). nullptr when absent.
  const Property* Find(std::string_view key) const;
};

/// An array literal (items in order; an item that is no object is null) or a
/// `[for ...: body]` loop (loop_body).
struct BicepArray {
  std::vector<std::unique_ptr<BicepObject>> items;
  std::vector<BicepPosition> item_at;  // where each item starts
  std::unique_ptr<BicepObject> loop_body;
};

struct BicepDeclaration {
  enum class Kind { kResource, kModule };
  Kind kind = Kind::kResource;
  std::string symbol;    // "routeTables"; nested: "vnet::subnet"
  std::string type;      // resources: the full type without API version ("Microsoft.Network/virtualNetworks/subnets")
  std::string module_path;  // modules: as written ("modules/hub.bicep", "br/public:...")
  bool existing = false;
  bool loop = false;       // `= [for ...]`
  BicepPosition at;        // the `resource` or `module` keyword
  int first_line = 0;      // its first decorator's line, or `at.line`
  int last_line = 0;       // where its body ends
  std::unique_ptr<BicepObject> body;  // the object literal (a loop's or condition's body); null when not one
  /// The `name:` value when it is one plain string literal without
  /// interpolation; empty otherwise.
  std::string literal_name;
};

/// `// routelint-ignore RL002 RL004: reason` (rules separated by blanks or
/// commas, the reason after the colon). It covers the declaration or property
/// that starts on the next line of code, or the one it trails.
struct BicepIgnoreComment {
  BicepPosition at;
  std::vector<std::string> rules;
  std::string reason;
  int first_line = 0;  // the lines it covers; 0 when no code follows it
  int last_line = 0;
};

/// A `param`, `var` or `output` statement.
struct BicepNamed {
  std::string name;
  BicepPosition at;  // the keyword
};

struct BicepSource {
  /// Resources in the order Bicep emits them (declaration order, a parent
  /// before the resources nested in it), then nothing else: modules are in
  /// the same list, as ARM templates have them.
  std::vector<BicepDeclaration> declarations;
  std::vector<BicepNamed> parameters;  // in order
  std::vector<BicepNamed> variables;
  std::vector<BicepNamed> outputs;
  std::vector<BicepIgnoreComment> ignore_comments;

  /// The declaration whose symbol is `symbol`, or nullptr.
  const BicepDeclaration* FindSymbol(std::string_view symbol) const;
};

inline constexpr int kMaxBicepDepth = 64;

BicepSource ScanBicep(std::string_view text);

}  // namespace routelint

#endif  // ROUTELINT_BICEP_BICEP_SOURCE_H_
