using System.IO.Compression;
using System.Xml;

namespace Foundation.Deploy.Planning;

/// <summary>
/// The tables and columns a dacpac's model declares, read straight from its <c>model.xml</c> (no model load), as
/// normalised names (<see cref="ObjectNames.Normalise"/>). A rollback uses it to tell the data loss it may accept, in
/// objects the release being rolled back to never had, from the data loss it may not, such as a narrowed column.
/// </summary>
public static class ModelObjectNames
{
    private static readonly HashSet<string> _types = new(StringComparer.Ordinal) { "SqlTable", "SqlSimpleColumn", "SqlComputedColumn" };

    public static IReadOnlySet<string> Read(string dacpacPath)
    {
        using var zip = ZipFile.OpenRead(dacpacPath);
        var entry = zip.GetEntry("model.xml") ?? throw DeployToolException.InvalidInput($"The dacpac '{dacpacPath}' has no model.xml.");
        using var stream = entry.Open();
        using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "Element"
                && reader.GetAttribute("Type") is { } type && _types.Contains(type)
                && reader.GetAttribute("Name") is { Length: > 0 } name)
            {
                names.Add(ObjectNames.Normalise(name));
            }
        }

        return names;
    }
}
