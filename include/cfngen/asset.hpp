#pragma once
// A Lambda function's code that a stack ships: a handler's source (index.js)
// inline in the template or as an asset directory for `aws cloudformation
// package`; or a folder's files, shipped as a zip archive built the same
// way every time (same files, same bytes), so that `aws cloudformation
// package` uploads it under the same key and an unchanged function is not
// updated.

#include <string>
#include <vector>

namespace cfngen {

struct AssetFile {
    std::string path;     // relative to the folder, with '/' separators
    std::string content;
    bool executable = false;
};

struct Asset {
    std::string name;    // e.g. "price-checker"
    std::string source;  // index.js contents; unused for a folder
    std::vector<AssetFile> files{};  // a folder's files, sorted by path; empty: `source`

    // The files of `folder` (every regular file below it, symbolic links
    // followed), named `name`. Throws Error naming the folder when it is
    // missing, empty, or holds something that is not a file or folder.
    static Asset from_folder(std::string name, const std::string& folder);

    bool is_folder() const { return !files.empty(); }
    // Lower-case hex SHA-256 of the source, or of a folder's paths and contents.
    std::string sha256() const;
    // "<name>.<first 12 hex digits of sha256>": the asset directory name.
    std::string directory_name() const;
    // "<directory_name>.zip": a folder's archive beside the template.
    std::string zip_file_name() const;
    // A folder's files as a zip archive (deflated; entries sorted by path,
    // dated 1980-01-01, mode 0644 or 0755): the same bytes for the same files.
    std::string zip() const;
};

}  // namespace cfngen

extern template class std::vector<cfngen::AssetFile>;
