# Shared build helpers. Module folders add themselves: every immediate sub-folder that
# has a CMakeLists.txt is included, so parallel work in different folders never edits
# the same list.

set(MEET_MODULE_LABELS signaling media bridge focus web recording xep)
set(MEET_KIND_LABELS unit integration interop e2e fuzz-replay)

# Warnings as errors on our own targets only.
function(meet_target_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wshadow -Wnon-virtual-dtor
                         -Wno-missing-field-initializers -Werror)
endfunction()

function(meet_add_subdirectories)
  file(GLOB children LIST_DIRECTORIES true CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*)
  list(SORT children)
  foreach(child IN LISTS children)
    if(IS_DIRECTORY ${child} AND EXISTS ${child}/CMakeLists.txt)
      add_subdirectory(${child})
    endif()
  endforeach()
endfunction()

# meet_area_library(MODULE area SOURCES ... [LIBS ...]): the static library
# meet_<module>_<area> (alias meet::<module>_<area>) for one folder of a module, linked into
# the module's umbrella target meet::<module>. Areas are separate libraries so that a test
# links only what it uses and one area's unfinished code never breaks another's build.
function(meet_area_library module area)
  cmake_parse_arguments(A "" "" "SOURCES;LIBS" ${ARGN})
  set(t meet_${module}_${area})
  add_library(${t} STATIC ${A_SOURCES})
  add_library(meet::${module}_${area} ALIAS ${t})
  target_include_directories(${t} PUBLIC ${PROJECT_SOURCE_DIR})
  target_link_libraries(${t} PUBLIC ${A_LIBS})
  meet_target_warnings(${t})
  target_link_libraries(meet_${module} INTERFACE ${t})
endfunction()

function(_meet_check_labels module kind)
  if(NOT module IN_LIST MEET_MODULE_LABELS)
    message(FATAL_ERROR "unknown module label '${module}' (one of ${MEET_MODULE_LABELS})")
  endif()
  if(NOT kind IN_LIST MEET_KIND_LABELS)
    message(FATAL_ERROR "unknown kind label '${kind}' (one of ${MEET_KIND_LABELS})")
  endif()
endfunction()

# meet_gtest(NAME n MODULE m KIND k SOURCES ... [LIBS ...] [LABELS ...] [TIMEOUT s])
# One executable; every TEST becomes a ctest test named "<module>.<Suite>.<Test>"
# labelled with the module, the kind and any extra LABELS.
function(meet_gtest)
  cmake_parse_arguments(A "" "NAME;MODULE;KIND;TIMEOUT" "SOURCES;LIBS;LABELS" ${ARGN})
  _meet_check_labels("${A_MODULE}" "${A_KIND}")
  if(NOT A_TIMEOUT)
    set(A_TIMEOUT 120)
  endif()
  add_executable(${A_NAME} ${A_SOURCES})
  target_link_libraries(${A_NAME} PRIVATE ${A_LIBS} meet_test_support GTest::gtest_main GTest::gmock)
  meet_target_warnings(${A_NAME})
  gtest_discover_tests(${A_NAME}
    TEST_PREFIX "${A_MODULE}."
    TEST_LIST ${A_NAME}_TESTS
    DISCOVERY_TIMEOUT 60
    PROPERTIES TIMEOUT ${A_TIMEOUT})
  # Labels are applied after discovery: gtest_discover_tests' PROPERTIES cannot carry a list.
  set(labels ${A_MODULE} ${A_KIND} ${A_LABELS})
  set(label_file ${CMAKE_CURRENT_BINARY_DIR}/${A_NAME}_labels.cmake)
  file(WRITE ${label_file}
    "if(${A_NAME}_TESTS)\n  set_tests_properties(\${${A_NAME}_TESTS} PROPERTIES LABELS \"${labels}\")\nendif()\n")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES ${label_file})
endfunction()

# meet_fuzzer(NAME n MODULE m SOURCE file.cpp [LIBS ...])
# The source defines LLVMFuzzerTestOneInput. Always builds "fuzz_replay_<n>", a gtest that
# feeds every file of tests/fuzz/corpus/<n>/ to it (ctest labels: module + fuzz-replay).
# With MEET_FUZZ=ON (clang) it also builds "<n>_fuzzer", the libFuzzer executable that
# ./meet fuzz runs.
function(meet_fuzzer)
  cmake_parse_arguments(A "" "NAME;MODULE;SOURCE" "LIBS" ${ARGN})
  _meet_check_labels("${A_MODULE}" "fuzz-replay")
  set(corpus ${PROJECT_SOURCE_DIR}/tests/fuzz/corpus/${A_NAME})
  if(NOT IS_DIRECTORY ${corpus})
    message(FATAL_ERROR "fuzz target ${A_NAME} has no seed corpus at ${corpus}")
  endif()
  add_executable(fuzz_replay_${A_NAME} ${A_SOURCE} ${PROJECT_SOURCE_DIR}/tests/fuzz/replay_main.cpp)
  target_link_libraries(fuzz_replay_${A_NAME} PRIVATE ${A_LIBS} GTest::gtest_main)
  target_compile_definitions(fuzz_replay_${A_NAME} PRIVATE MEET_FUZZ_CORPUS_DIR="${corpus}")
  meet_target_warnings(fuzz_replay_${A_NAME})
  add_test(NAME ${A_MODULE}.fuzz_replay.${A_NAME} COMMAND fuzz_replay_${A_NAME})
  set_tests_properties(${A_MODULE}.fuzz_replay.${A_NAME} PROPERTIES
    LABELS "${A_MODULE};fuzz-replay" TIMEOUT 300)
  if(MEET_FUZZ)
    add_executable(${A_NAME}_fuzzer ${A_SOURCE})
    target_link_libraries(${A_NAME}_fuzzer PRIVATE ${A_LIBS})
    target_link_options(${A_NAME}_fuzzer PRIVATE -fsanitize=fuzzer)
    set_target_properties(${A_NAME}_fuzzer PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/fuzzers)
    set_property(GLOBAL APPEND PROPERTY MEET_FUZZ_TARGETS ${A_NAME})
  endif()
endfunction()

# meet_benchmark(NAME n SOURCES ... [LIBS ...]): a Google Benchmark executable in
# <build>/bench/, run by ./meet bench. Never a ctest test.
function(meet_benchmark)
  cmake_parse_arguments(A "" "NAME" "SOURCES;LIBS" ${ARGN})
  if(NOT MEET_BENCH)
    return()
  endif()
  add_executable(${A_NAME} ${A_SOURCES})
  target_link_libraries(${A_NAME} PRIVATE ${A_LIBS} benchmark::benchmark benchmark::benchmark_main)
  set_target_properties(${A_NAME} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/bench)
  meet_target_warnings(${A_NAME})
endfunction()
