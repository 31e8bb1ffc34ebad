using System.IO.Compression;
using System.Text;

namespace Fluoro.Testing;

/// <summary>Function packages for tests: a zip of text files, each executable (0755) and with LF line endings, as a bootstrap needs.</summary>
internal static class TestZip
{
    public static byte[] FromText(params (string Name, string Content)[] files)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in files)
            {
                var entry = archive.CreateEntry(name);
                entry.ExternalAttributes = Convert.ToInt32("100755", 8) << 16;
                using var stream = entry.Open();
                stream.Write(Encoding.UTF8.GetBytes(content.Replace("\r\n", "\n", StringComparison.Ordinal)));
            }
        }

        return buffer.ToArray();
    }
}
