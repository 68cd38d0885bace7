export const MAIN_USAGE = `Usage: openstack-image <command> [options]

Read, check and fetch OpenStack Compute API v2 image documents, in JSON and in XML.

Commands:
  convert FILE|-    convert an image, list, index, metadata, meta item or fault to JSON or XML
  validate FILE...  check documents: "ok" or the fault and its place, per file
  get URL           get an image, a list or metadata from a server

Options:
  --help, -h        print this (or, after a command, the command's help) and exit
  --version         print the version and exit

Run "openstack-image <command> --help" for a command's options.
`;

export const CONVERT_USAGE = `Usage: openstack-image convert FILE|- [--to json|xml] [--kind KIND] [--pretty] [--out FILE]

Reads a document (FILE, or stdin for -) and writes it in the other format, or the one --to names.
The input's format and kind are detected when not given.

Options:
  --to json|xml     the output format (default: the one the input is not in)
  --from json|xml   the input format (default: detected from its first character)
  --kind KIND       image, list, index, metadata, meta or fault (default: detected from the envelope)
  --pretty          indent JSON output (XML is always written indented)
  --strict          refuse what the tolerant reading accepts (non-string metadata values in JSON)
  --out FILE        write to FILE instead of stdout
  --max-bytes N     the largest input read (default: 1048576)
  --help, -h        print this and exit
`;

export const VALIDATE_USAGE = `Usage: openstack-image validate FILE... [--strict] [--kind KIND]

Checks each document (a FILE, or stdin for -) and prints "FILE: ok" or "FILE: " and the fault,
with its place (a JSON pointer, or line and column in XML). Exits 0 only when every one is valid.
A batch that takes more than a second reports its progress on stderr.

Options:
  --strict          refuse what the tolerant reading accepts (non-string metadata values in JSON)
  --kind KIND       read every file as this kind (default: detected per file)
  --from json|xml   read every file as this format (default: detected per file)
  --max-bytes N     the largest file read (default: 1048576)
  --help, -h        print this and exit
`;

export const GET_USAGE = `Usage: openstack-image get URL [--token TOKEN] [--accept json|xml] [--output table|json|xml]

Gets an image (.../images/ID), a list (.../images, .../images/detail, with its query; every page
is read), metadata (.../images/ID/metadata) or one item (.../metadata/KEY) through the client.

Options:
  --token TOKEN     the X-Auth-Token (default: $OS_AUTH_TOKEN, then $OS_TOKEN)
  --accept json|xml the format asked of the server (default: json)
  --output FORMAT   table (the default on a terminal), json (the default elsewhere) or xml
  --pretty          indent JSON output
  --timeout MS      give up after MS milliseconds (default: 30000)
  --help, -h        print this and exit

A fault is printed on stderr with its status (and, with --output json|xml, written on stdout in
that format); the exit status is then 1.
`;
