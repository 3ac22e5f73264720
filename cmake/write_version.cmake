# Writes OUT (version.h) with the project version and the commit HEAD is at,
# on every build, touching the file only when the commit changed: --version
# names the commit the binary was built from, not the one CMake first saw.
execute_process(COMMAND git rev-parse --short=12 HEAD
                WORKING_DIRECTORY ${SOURCE_DIR}
                OUTPUT_VARIABLE commit OUTPUT_STRIP_TRAILING_WHITESPACE
                ERROR_QUIET RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  set(commit "")
endif()
file(WRITE ${OUT}.tmp "#ifndef ROUTELINT_VERSION_H_\n#define ROUTELINT_VERSION_H_\n#define ROUTELINT_VERSION \"${VERSION}\"\n#define ROUTELINT_COMMIT \"${commit}\"\n#endif\n")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different ${OUT}.tmp ${OUT})
