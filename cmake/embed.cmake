# SPDX-License-Identifier: MIT
# Turns a file into a C array: cmake -DIN=file -DOUT=file.c -P embed.cmake
file(READ ${IN} hex HEX)
string(LENGTH "${hex}" n)
math(EXPR bytes "${n} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," body "${hex}")
string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)" "\\1\n" body "${body}")
file(WRITE ${OUT} "/* generated from scenarios/default.yaml by cmake/embed.cmake */\n#include <stddef.h>\nconst char cs_default_scenario[] = {\n${body}0x00};\nconst size_t cs_default_scenario_len = ${bytes};\n")
