using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace VolunteerBot.Tests.Infrastructure;

/// <summary>One call seen by a <see cref="RecordingProxy{T}"/>: the method and its first argument, if it is a string.</summary>
public sealed record RecordedCall(string Method, string? FirstArgument);

/// <summary>
/// Wraps a real service (a Table store on Azurite) and records every call before passing it on, so a test can say
/// which reads a turn made. Register it with <see cref="Decorate"/> from <see cref="BotFactory.Replace"/>.
/// </summary>
public class RecordingProxy<T> : DispatchProxy
    where T : class
{
    private T _inner = null!;
    private ConcurrentQueue<RecordedCall> _calls = null!;

    public static void Decorate(IServiceCollection services, ConcurrentQueue<RecordedCall> calls)
    {
        var descriptor = services.Last(d => d.ServiceType == typeof(T));
        services.Remove(descriptor);
        services.AddSingleton(sp =>
        {
            var inner = (T)(descriptor.ImplementationInstance
                ?? descriptor.ImplementationFactory?.Invoke(sp)
                ?? ActivatorUtilities.CreateInstance(sp, descriptor.ImplementationType!));
            var proxy = Create<T, RecordingProxy<T>>();
            var recording = (RecordingProxy<T>)(object)proxy;
            recording._inner = inner;
            recording._calls = calls;
            return proxy;
        });
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        _calls.Enqueue(new RecordedCall(targetMethod.Name, args is { Length: > 0 } && args[0] is string first ? first : null));
        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
    }
}
