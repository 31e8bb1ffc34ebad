using Microsoft.AspNetCore.Http;

namespace Fluoro.Api;

/// <summary>Reads a whole request body into memory, refusing anything above a limit before buffering it.</summary>
internal static class RequestBodyReader
{
    /// <summary>Returns the body, or null when it exceeds <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength is long declared && declared > maxBytes)
        {
            return null;
        }

        // Grow as data arrives rather than trusting Content-Length for the allocation.
        using var buffer = new MemoryStream(request.ContentLength is long known and > 0 ? (int)known : 256);
        var chunk = new byte[16 * 1024];
        while (true)
        {
            var read = await request.Body.ReadAsync(chunk, cancellationToken);
            if (read == 0)
            {
                break;
            }

            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
