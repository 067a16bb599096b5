# A port's test against `cdk synth` of its original, in cfngen's test run:
# ctest <app with _ for ->_port runs the folder's tests/port.test.js with
# the app's binary and cfngen's. Included by each port's CMakeLists.txt
# inside cfngen's tree only.
function(cfngen_add_port_test app)
  find_program(NODE node REQUIRED)
  string(REPLACE "-" "_" test_name "${app}_port")
  add_test(NAME ${test_name} COMMAND ${NODE} --test ${CMAKE_CURRENT_SOURCE_DIR}/tests/port.test.js)
  set_tests_properties(${test_name} PROPERTIES ENVIRONMENT "APP_BINARY=$<TARGET_FILE:${app}>;CFNGEN=$<TARGET_FILE:cfngen>")
endfunction()
