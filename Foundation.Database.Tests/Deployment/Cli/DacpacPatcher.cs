using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Foundation.Database.Tests.Deployment.Cli;

/// <summary>
/// Makes variants of a built dacpac by editing its model.xml and re-signing it (Origin.xml keeps the model's SHA-256,
/// which DacFx checks): declared SQLCMD variables added, or a model damaged while its checksum stays right.
/// </summary>
public static partial class DacpacPatcher
{
    /// <summary>Adds SQLCMD variable declarations (empty values, as DacFx stores them) to the model header.</summary>
    public static string WithDeclaredVariables(string source, string target, params string[] names)
    {
        var declarations = string.Concat(names.Select(n => $"<Metadata Name=\"{n}\" Value=\"\" />"));
        var header = $"<Header><CustomData Category=\"SqlCmdVariables\" Type=\"SqlCmdVariable\">{declarations}</CustomData></Header>";

        // A package built with the model API has no <Header>; a project build has one.
        return Patch(source, target, model => model.Contains("<Header>", StringComparison.Ordinal)
            ? model.Replace("<Header>", header[..^"</Header>".Length], StringComparison.Ordinal)
            : model.Replace("<Model>", header + "<Model>", StringComparison.Ordinal));
    }

    /// <summary>Renames a table's element so the references to it cannot be resolved; the checksum is kept right.</summary>
    public static string WithBrokenReference(string source, string target, string table, string newName) =>
        Patch(source, target, model => model.Replace($"Type=\"SqlTable\" Name=\"{table}\"", $"Type=\"SqlTable\" Name=\"{newName}\"", StringComparison.Ordinal));

    /// <summary>Gives the package another name (DacMetadata.xml is not covered by the model checksum).</summary>
    public static string WithPackageName(string source, string target, string name)
    {
        File.Copy(source, target, overwrite: true);
        using var zip = ZipFile.Open(target, ZipArchiveMode.Update);
        string metadata;
        using (var reader = new StreamReader(zip.GetEntry("DacMetadata.xml")!.Open()))
        {
            metadata = reader.ReadToEnd();
        }

        Replace(zip, "DacMetadata.xml", Encoding.UTF8.GetBytes(PackageName().Replace(metadata, $"<Name>{name}</Name>", 1)));
        return target;
    }

    private static string Patch(string source, string target, Func<string, string> edit)
    {
        File.Copy(source, target, overwrite: true);
        using var zip = ZipFile.Open(target, ZipArchiveMode.Update);
        var modelEntry = zip.GetEntry("model.xml")!;
        string model;
        using (var reader = new StreamReader(modelEntry.Open()))
        {
            model = reader.ReadToEnd();
        }

        var edited = edit(model);
        if (edited == model)
        {
            throw new InvalidOperationException($"The patch changed nothing in '{source}'.");
        }

        var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(edited);
        Replace(zip, "model.xml", bytes);
        var originEntry = zip.GetEntry("Origin.xml")!;
        string origin;
        using (var reader = new StreamReader(originEntry.Open()))
        {
            origin = reader.ReadToEnd();
        }

        var signed = ModelChecksum().Replace(origin, m => m.Groups[1].Value + Convert.ToHexString(SHA256.HashData(bytes)));
        Replace(zip, "Origin.xml", Encoding.UTF8.GetBytes(signed));
        return target;
    }

    private static void Replace(ZipArchive zip, string name, byte[] content)
    {
        zip.GetEntry(name)!.Delete();
        using var stream = zip.CreateEntry(name).Open();
        stream.Write(content);
    }

    [GeneratedRegex("<Name>[^<]*</Name>")]
    private static partial Regex PackageName();

    [GeneratedRegex(@"(<Checksum Uri=""/model.xml"">)[0-9A-Fa-f]+")]
    private static partial Regex ModelChecksum();
}
