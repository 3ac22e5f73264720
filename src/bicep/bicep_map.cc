#include "bicep/bicep_map.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <optional>
#include <set>
#include <nlohmann/json.hpp>
#include <vector>

#include "base/strings.h"
#include "parse/locator.h"

namespace routelint {

using Json = nlohmann::json;

struct BicepSourceMap::SourceFile {
  std::string path;
  BicepSource source;
};

namespace {

const Json* Member(const Json* object, std::string_view key) {
  if (object == nullptr || !object->is_object()) return nullptr;
  auto it = object->find(key);
  return it == object->end() ? nullptr : &*it;
}

std::string StringMember(const Json* object, std::string_view key) {
  const Json* value = Member(object, key);
  return value && value->is_string() ? value->get<std::string>() : std::string();
}

bool ParseIndex(std::string_view token, size_t* index) {
  if (token.empty() || (token.size() > 1 && token[0] == '0')) return false;
  const auto [end, error] = std::from_chars(token.data(), token.data() + token.size(), *index);
  return error == std::errc() && end == token.data() + token.size();
}

std::string_view LastSegment(std::string_view name) {
  const size_t slash = name.rfind('/');
  return slash == std::string_view::npos ? name : name.substr(slash + 1);
}

// A local .bicep module, whose source can be followed. A registry or
// template-spec reference has no source file here, and a local ARM template
// used as a module (`module m 'net.json'`) is no Bicep.
bool IsLocalBicepModule(std::string_view path) {
  constexpr std::string_view kExtension = ".bicep";
  if (path.size() <= kExtension.size() || !EqualsIgnoreCase(path.substr(path.size() - kExtension.size()), kExtension)) {
    return false;
  }
  return path.rfind("br:", 0) != 0 && path.rfind("br/", 0) != 0 && path.rfind("ts:", 0) != 0 && path.rfind("ts/", 0) != 0;
}

// A local module's path as the files are named: relative to the file that uses it.
std::string ModulePath(const std::string& user, const std::string& module) {
  return (std::filesystem::path(user).parent_path() / module).lexically_normal().string();
}

BicepPlace PlaceOf(const std::string& file, BicepPosition at) { return {file, at.line, at.column}; }

template <typename Named>
std::vector<std::string> SortedNames(const std::vector<Named>& named) {
  std::vector<std::string> names;
  for (const Named& n : named) names.push_back(n.name);
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<std::string> SortedKeys(const Json* object) {
  std::vector<std::string> keys;
  if (object && object->is_object()) {
    for (auto it = object->begin(); it != object->end(); ++it) keys.push_back(it.key());
  }
  std::sort(keys.begin(), keys.end());
  return keys;
}

// The declarations a languageVersion 1 template emits, by lower-cased type.
std::vector<std::string> DeployedTypes(const BicepSource& source) {
  std::vector<std::string> types;
  for (const BicepDeclaration& d : source.declarations) {
    if (!d.existing) types.push_back(ToLowerAscii(d.type));
  }
  std::sort(types.begin(), types.end());
  return types;
}

std::vector<std::string> CompiledTypes(const Json& resources) {
  std::vector<std::string> types;
  for (const Json& r : resources) types.push_back(ToLowerAscii(StringMember(&r, "type")));
  std::sort(types.begin(), types.end());
  return types;
}

// The declaration a languageVersion 1 template's resources[index] came from.
const BicepDeclaration* DeclarationOfIndex(const BicepSource& source, const Json& resources, size_t index,
                                           std::string* why) {
  const Json& resource = resources[index];
  const std::string type = StringMember(&resource, "type");
  if (const std::string loop = StringMember(Member(&resource, "copy"), "name"); !loop.empty()) {
    const BicepDeclaration* d = source.FindSymbol(loop);
    if (d && d->loop && EqualsIgnoreCase(d->type, type)) return d;
  }
  size_t rank = 0;  // earlier resources of the same type
  for (size_t i = 0; i < index; ++i) rank += EqualsIgnoreCase(StringMember(&resources[i], "type"), type);
  // Bicep writes every resource, in declaration order, then every module.
  const BicepDeclaration* match = nullptr;
  for (const auto kind : {BicepDeclaration::Kind::kResource, BicepDeclaration::Kind::kModule}) {
    for (const BicepDeclaration& d : source.declarations) {
      if (match || d.kind != kind || d.existing || !EqualsIgnoreCase(d.type, type)) continue;
      if (rank-- == 0) match = &d;
    }
  }
  if (match == nullptr) {
    *why = fmt::format("no declaration of type {} matches resource {}", type, index);
    return nullptr;
  }
  const Json* name = Member(&resource, "name");
  if (!match->literal_name.empty() && name && name->is_string()) {
    const std::string& compiled = name->get_ref<const std::string&>();
    if (compiled.rfind('[', 0) != 0 && LastSegment(compiled) != LastSegment(match->literal_name)) {
      *why = fmt::format("resource '{}' in the compiled template is '{}' in the source", compiled, match->literal_name);
      return nullptr;
    }
  }
  return match;
}

// The statements a top-level "/parameters/x", "/variables/x" or
// "/outputs/x" pointer names, or nullptr.
const std::vector<BicepNamed>* NamedOfSection(const BicepSource& source, const std::vector<std::string>& tokens) {
  if (tokens.size() < 2) return nullptr;
  if (tokens[0] == "parameters") return &source.parameters;
  if (tokens[0] == "variables") return &source.variables;
  if (tokens[0] == "outputs") return &source.outputs;
  return nullptr;
}

// The declaration a languageVersion 2.0 template keys `key`: its symbolic
// name; a nested resource is "parent::child", or, as some Bicep versions
// write it, the child's own name when no other nested resource has it.
const BicepDeclaration* DeclarationOfSymbol(const BicepSource& source, const std::string& key) {
  if (const BicepDeclaration* d = source.FindSymbol(key)) return d;
  if (key.find("::") != std::string::npos) return nullptr;
  const BicepDeclaration* found = nullptr;
  for (const BicepDeclaration& d : source.declarations) {
    const std::string_view symbol = d.symbol;
    const size_t cut = symbol.rfind("::");
    if (cut == std::string_view::npos || symbol.substr(cut + 2) != key) continue;
    if (found) return nullptr;  // ambiguous
    found = &d;
  }
  return found;
}

// Follows the rest of a pointer into a declaration's body, as deep as the
// source writes it; `compiled` walks alongside in the compiled resource, for
// the `copy` property loops compile to. Returns the deepest place found.
BicepPosition FollowProperties(const BicepDeclaration& decl, const Json* compiled,
                               const std::vector<std::string>& tokens, size_t next) {
  BicepPosition best = decl.at;
  const BicepObject* object = decl.body.get();
  // A module's parameters compile to properties.parameters.NAME.value.
  if (decl.kind == BicepDeclaration::Kind::kModule && next + 1 < tokens.size() && tokens[next] == "properties" &&
      tokens[next + 1] == "parameters" && object) {
    const BicepObject::Property* params = object->Find("params");
    if (params == nullptr) return best;
    best = params->at;
    if (next + 2 >= tokens.size() || !params->object) return best;
    const BicepObject::Property* param = params->object->Find(tokens[next + 2]);
    return param ? param->at : best;
  }
  for (size_t i = next; i < tokens.size() && object != nullptr; ++i) {
    const std::string& token = tokens[i];
    const Json* loops = token == "copy" && object->Find("copy") == nullptr ? Member(compiled, "copy") : nullptr;
    size_t index = 0;
    if (loops && loops->is_array() && i + 1 < tokens.size() && ParseIndex(tokens[i + 1], &index) &&
        index < loops->size()) {
      // properties.copy[index] is the loop written as the property it fills.
      const Json& loop = (*loops)[index];
      const BicepObject::Property* p = object->Find(StringMember(&loop, "name"));
      if (p == nullptr) break;
      best = p->at;
      object = p->array ? p->array->loop_body.get() : nullptr;
      compiled = Member(&loop, "input");
      i += (i + 2 < tokens.size() && tokens[i + 2] == "input") ? 2 : 1;
      continue;
    }
    const BicepObject::Property* p = object->Find(token);
    if (p == nullptr) break;
    best = p->at;
    compiled = Member(compiled, token);
    if (p->object) {
      object = p->object.get();
    } else if (p->array && i + 1 < tokens.size() && ParseIndex(tokens[i + 1], &index)) {
      ++i;
      const BicepArray& array = *p->array;
      if (array.loop_body) {
        object = array.loop_body.get();
      } else {
        object = index < array.items.size() ? array.items[index].get() : nullptr;
        if (index < array.item_at.size()) best = array.item_at[index];
      }
      compiled = compiled && compiled->is_array() && index < compiled->size() ? &(*compiled)[index] : nullptr;
    } else {
      object = nullptr;
    }
  }
  return best;
}

}  // namespace

bool CompiledByBicep(const Json& document) {
  return StringMember(Member(Member(&document, "metadata"), "_generator"), "name") == "bicep";
}

BicepSourceMap::BicepSourceMap(const Json& compiled, std::string bicep_path, ReadText read)
    : compiled_(compiled), bicep_path_(std::move(bicep_path)), read_(std::move(read)) {}

BicepSourceMap::~BicepSourceMap() = default;

void BicepSourceMap::Refuse(const std::string& file, std::string why) {
  if (!problem_.empty()) return;
  problem_file_ = file;
  problem_ = std::move(why);
}

const BicepSourceMap::SourceFile* BicepSourceMap::Source(const std::string& path) {
  auto [it, added] = sources_.try_emplace(path);
  if (added) {
    std::string text;
    if (read_(path, &text)) {
      it->second = std::make_unique<SourceFile>();
      it->second->path = path;
      it->second->source = ScanBicep(text);
    } else {
      Refuse(path, fmt::format("cannot read {}", path));
    }
  }
  return it->second.get();
}

bool BicepSourceMap::Matches(const SourceFile& file, const Json& compiled) {
  auto [it, added] = matched_.try_emplace({&file, &compiled}, false);
  if (!added) return it->second;
  const BicepSource& source = file.source;
  const Json* resources = Member(&compiled, "resources");
  std::string why;
  if (SortedNames(source.parameters) != SortedKeys(Member(&compiled, "parameters"))) {
    why = "its parameters differ";
  } else if (SortedNames(source.outputs) != SortedKeys(Member(&compiled, "outputs"))) {
    why = "its outputs differ";
  } else if (resources && resources->is_array() && DeployedTypes(source) != CompiledTypes(*resources)) {
    why = "its resources differ";
  } else if (resources && resources->is_object()) {
    for (auto r = resources->begin(); r != resources->end() && why.empty(); ++r) {
      if (!DeclarationOfSymbol(source, r.key())) why = fmt::format("it has no resource '{}'", r.key());
    }
  }
  if (!why.empty()) {
    Refuse(file.path, fmt::format("{} does not match the template compiled from it ({}): rebuild it with `bicep build`",
                       file.path, why));
  }
  return it->second = why.empty();
}

bool BicepSourceMap::Map(std::string_view pointer, BicepPlace* out) {
  const std::vector<std::string> tokens = SplitJsonPointer(pointer);
  const SourceFile* file = Source(bicep_path_);
  const Json* scope = &compiled_;
  if (file == nullptr || !Matches(*file, *scope)) return false;
  if (const std::vector<BicepNamed>* named = NamedOfSection(file->source, tokens)) {
    for (const BicepNamed& n : *named) {
      if (n.name == tokens[1]) return *out = PlaceOf(file->path, n.at), true;
    }
    return false;
  }
  std::optional<BicepPlace> found;
  size_t i = 0;
  while (i + 1 < tokens.size() && tokens[i] == "resources") {
    const Json* resources = Member(scope, "resources");
    const Json* resource = nullptr;
    const BicepDeclaration* decl = nullptr;
    std::string why;
    size_t index = 0;
    if (resources && resources->is_object()) {
      resource = Member(resources, tokens[i + 1]);
      decl = DeclarationOfSymbol(file->source, tokens[i + 1]);
    } else if (resources && resources->is_array() && ParseIndex(tokens[i + 1], &index) && index < resources->size()) {
      resource = &(*resources)[index];
      decl = DeclarationOfIndex(file->source, *resources, index, &why);
    }
    if (resource == nullptr || decl == nullptr) {
      if (!why.empty()) Refuse(file->path, fmt::format("{} does not match the template compiled from it ({}): rebuild it with `bicep build`", file->path, why));
      return false;
    }
    i += 2;
    const Json* nested = Member(Member(resource, "properties"), "template");
    const bool into_module = decl->kind == BicepDeclaration::Kind::kModule && nested && i + 1 < tokens.size() &&
                             tokens[i] == "properties" && tokens[i + 1] == "template";
    if (!into_module) return *out = PlaceOf(file->path, FollowProperties(*decl, resource, tokens, i)), true;
    found = PlaceOf(file->path, decl->at);
    if (!IsLocalBicepModule(decl->module_path)) return *out = *found, true;
    const SourceFile* module = Source(ModulePath(file->path, decl->module_path));
    if (module == nullptr || !Matches(*module, *nested)) return false;
    file = module;
    scope = nested;
    i += 2;
  }
  if (found) *out = *found;
  return found.has_value();
}

std::vector<BicepFileComments> ReadIgnoreComments(const std::string& bicep_path, const BicepSourceMap::ReadText& read) {
  std::vector<BicepFileComments> all;
  std::set<std::string> seen{bicep_path};
  std::vector<std::string> pending{bicep_path};
  while (!pending.empty()) {
    const std::string path = std::move(pending.back());
    pending.pop_back();
    std::string text;
    if (!read(path, &text)) continue;
    BicepSource source = ScanBicep(text);
    for (const BicepDeclaration& d : source.declarations) {
      if (d.kind != BicepDeclaration::Kind::kModule || !IsLocalBicepModule(d.module_path)) continue;
      std::string module = ModulePath(path, d.module_path);
      if (seen.insert(module).second) pending.push_back(std::move(module));
    }
    if (!source.ignore_comments.empty()) all.push_back({path, std::move(source.ignore_comments)});
  }
  std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.file < b.file; });
  return all;
}

}  // namespace routelint
