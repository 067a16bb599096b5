# cfngen_add_app(): an app of stacks built for a fast edit loop. Included by
# find_package(cfngen) and by cfngen's own tree.
#
#   cfngen_add_app(NAME SOURCES file.cpp ... [LIBRARIES lib ...] [STAGE dev] [OUTPUT dir])
#
# adds the executable NAME (linked against cfngen::cfngen and LIBRARIES, with
# the fastest linker installed: mold, else lld, else the default) and a
# target NAME-synth that rebuilds it and synthesizes STAGE (default dev) into
# OUTPUT (default <build dir>/NAME.out): `cmake --build build --target NAME-synth`
# is the whole loop after an edit.
include_guard(GLOBAL)
include(CheckLinkerFlag)

# -fuse-ld=mold or -fuse-ld=lld on `target` when the compiler can use it.
function(cfngen_use_fast_linker target)
  if(NOT DEFINED CACHE{CFNGEN_FAST_LINKER_FLAG})
    set(flag "")
    foreach(linker IN ITEMS mold lld)
      check_linker_flag(CXX "-fuse-ld=${linker}" cfngen_links_with_${linker})
      if(cfngen_links_with_${linker})
        set(flag "-fuse-ld=${linker}")
        break()
      endif()
    endforeach()
    set(CFNGEN_FAST_LINKER_FLAG "${flag}" CACHE STRING "Linker flag of the fastest linker found (empty: the default)")
  endif()
  if(CFNGEN_FAST_LINKER_FLAG)
    target_link_options(${target} PRIVATE ${CFNGEN_FAST_LINKER_FLAG})
  endif()
endfunction()

function(cfngen_add_app name)
  cmake_parse_arguments(APP "" "STAGE;OUTPUT" "SOURCES;LIBRARIES" ${ARGN})
  if(NOT APP_SOURCES)
    message(FATAL_ERROR "cfngen_add_app(${name}): SOURCES is required")
  endif()
  if(NOT APP_STAGE)
    set(APP_STAGE dev)
  endif()
  if(NOT APP_OUTPUT)
    set(APP_OUTPUT ${CMAKE_BINARY_DIR}/${name}.out)
  endif()
  add_executable(${name} ${APP_SOURCES})
  target_link_libraries(${name} PRIVATE cfngen::cfngen ${APP_LIBRARIES})
  cfngen_use_fast_linker(${name})
  add_custom_target(${name}-synth
    COMMAND $<TARGET_FILE:${name}> synth --stage ${APP_STAGE} -o ${APP_OUTPUT}
    DEPENDS ${name}
    COMMENT "Synthesizing ${name}, stage ${APP_STAGE}"
    VERBATIM USES_TERMINAL)
endfunction()
