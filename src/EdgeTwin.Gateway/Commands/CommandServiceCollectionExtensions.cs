using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EdgeTwin.Gateway.Commands;

/// <summary>DI registration of the command router and its modules.</summary>
public static class CommandServiceCollectionExtensions
{
    /// <summary>Registers the router with the built-in commands (ping, status, reload-config, write).</summary>
    public static IServiceCollection AddCommandRouter(this IServiceCollection services)
    {
        services.TryAddSingleton<CommandRouter>();
        services.AddCommandModule<BuiltInCommands>();
        services.AddCommandModule<WriteCommand>();
        return services;
    }

    /// <summary>
    /// Adds a module whose commands the router registers at start-up, e.g.
    /// <c>services.AddCommandModule&lt;SimulateCommands&gt;()</c> (a class implementing <see cref="ICommandModule"/>).
    /// </summary>
    public static IServiceCollection AddCommandModule<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] T>(this IServiceCollection services)
        where T : class, ICommandModule
    {
        services.AddSingleton<ICommandModule, T>();
        return services;
    }
}
