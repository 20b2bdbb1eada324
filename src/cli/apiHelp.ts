/**
 * The help of `cvat-fp api`, apart from the command itself: the command line loads the table of
 * every operation (src/generated/registry.ts, some 1,500 modules) only when `api` runs.
 */

/** The help of `cvat-fp api`. */
export const API_HELP = `cvat-fp api OPERATION_ID [--param NAME=VALUE …] [--body FILE|-] [--output FILE] [--org SLUG] [--json]
Calls any operation of CVAT's API by its id, as gh api does: tasks_list, jobs_partial_update, …
(CVAT's operation ids; the library's function names, tasksList, work too). cvat-fp api --list
lists them all; cvat-fp api OPERATION_ID --help lists one's parameters.
  --param, -p NAME=VALUE   a path, query or header parameter, by its schema name (page_size) or
                           in camelCase (pageSize); typed as the operation needs: integers,
                           true or false, one of an enum's values, text. Repeat for each one.
  --body FILE|-            the JSON body, from a file or standard input
  --output FILE            where a file answer goes (else standard output, when it is not a terminal)
  --org SLUG               the organisation context, for operations that take one
JSON answers are printed as they come; nothing for an empty answer. Exit 0 on success, 1 when
CVAT refuses, 2 for a usage error (nothing sent).`
