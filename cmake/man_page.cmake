# Writes OUT, routelint(1), from `routelint --help` (BINARY): the help text is
# complete enough to be the manual, and one source keeps them from drifting.
execute_process(COMMAND ${BINARY} --help OUTPUT_VARIABLE help RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "routelint --help failed")
endif()
execute_process(COMMAND ${BINARY} --version OUTPUT_VARIABLE version OUTPUT_STRIP_TRAILING_WHITESPACE)
# roff: a backslash is "\e"; a line starting with '.' or "'" needs "\&".
string(REPLACE "\\" "\\e" help "${help}")
string(REGEX REPLACE "\n([.'])" "\n\\\\&\\1" help "\n${help}")
set(page ".TH ROUTELINT 1 \"\" \"${version}\" \"User Commands\"\n")
string(APPEND page ".SH NAME\nroutelint \\- lint Azure hub-and-spoke routing in ARM templates and Bicep\n")
string(APPEND page ".SH DESCRIPTION\n.nf\n${help}\n.fi\n")
string(APPEND page ".SH FILES\n.TP\n.I .routelint.toml\nconfiguration, found from the current directory upwards (see the README)\n")
string(APPEND page ".SH SEE ALSO\nThe rule pages: \\fBroutelint rules\\fR \\fIID\\fR.\n")
file(WRITE ${OUT} "${page}")
