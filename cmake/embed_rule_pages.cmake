# Writes OUT, a C++ file defining routelint::RulePage(id): the markdown page of
# each rules/<ID>-<name>.md, so the binary carries its own documentation.
file(GLOB pages ${PAGES_DIR}/*.md)
list(SORT pages)
set(body "// Generated from rules/*.md by cmake/embed_rule_pages.cmake. Do not edit.\n")
string(APPEND body "#include <string_view>\nnamespace routelint {\nstd::string_view RulePage(std::string_view id) {\n")
foreach(page ${pages})
  get_filename_component(stem ${page} NAME_WE)
  string(REGEX MATCH "^[A-Z]+[0-9]+" id "${stem}")
  if(id STREQUAL "")
    continue()
  endif()
  file(READ ${page} text)
  # Raw string literal; the delimiter cannot occur in markdown we write.
  string(APPEND body "  if (id == \"${id}\") return R\"rlpage(${text})rlpage\";\n")
endforeach()
string(APPEND body "  return {};\n}\n}  // namespace routelint\n")
file(WRITE ${OUT}.tmp "${body}")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different ${OUT}.tmp ${OUT})
