namespace EdgeTwin.Storage.Tests;

/// <summary>What a SIGKILL or a power cut would leave of a live store's folder, copied the moment it is called.</summary>
internal static class CrashImage
{
    /// <summary>
    /// Copies every file of <paramref name="source"/> into <paramref name="target"/> (created). The store's lock file
    /// is held by the live store and cannot be read; a crash leaves it behind unlocked and empty, and so does this.
    /// </summary>
    public static void Copy(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source))
        {
            var to = Path.Combine(target, Path.GetFileName(file));
            if (file.EndsWith(".lock", StringComparison.Ordinal))
            {
                File.WriteAllBytes(to, []);
            }
            else
            {
                File.Copy(file, to);
            }
        }
    }
}
