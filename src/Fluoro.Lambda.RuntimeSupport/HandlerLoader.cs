using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using System.Text.Json;

namespace Fluoro.Lambda.RuntimeSupport;

/// <summary>
/// Resolves a handler string <c>Assembly::Namespace.Type::Method</c> from the function's code directory and
/// adapts the method (0–2 parameters: input, ILambdaContext; sync or async; Stream or JSON) to a raw handler.
/// </summary>
internal static class HandlerLoader
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Func<InvocationRequest, ILambdaContext, Task<byte[]>> Load(string handler, string taskRoot)
    {
        var parts = handler.Split("::");
        if (parts.Length != 3 || parts.Any(string.IsNullOrWhiteSpace))
        {
            throw new HandlerException("Runtime.MalformedHandlerName", $"Handler '{handler}' is not of the form Assembly::Namespace.Type::Method.");
        }

        var assemblyPath = Path.Combine(taskRoot, parts[0] + ".dll");
        if (!File.Exists(assemblyPath))
        {
            throw new HandlerException("Runtime.ImportModuleError", $"Could not find the assembly '{parts[0]}.dll' in {taskRoot}.");
        }

        var context = new FunctionLoadContext(assemblyPath);
        var assembly = context.LoadFromAssemblyPath(assemblyPath);
        var type = assembly.GetType(parts[1], throwOnError: false)
            ?? throw new HandlerException("Runtime.HandlerNotFound", $"Type '{parts[1]}' was not found in assembly '{parts[0]}'.");
        var methods = type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static)
            .Where(m => m.Name == parts[2]).ToList();
        if (methods.Count == 0)
        {
            throw new HandlerException("Runtime.HandlerNotFound", $"Method '{parts[2]}' was not found on type '{parts[1]}'.");
        }

        if (methods.Count > 1)
        {
            throw new HandlerException("Runtime.HandlerNotFound", $"Method '{parts[2]}' on type '{parts[1]}' is overloaded; Lambda handlers must be unique.");
        }

        var method = methods[0];
        var parameters = method.GetParameters();
        if (parameters.Length > 2 || (parameters.Length == 2 && parameters[1].ParameterType != typeof(ILambdaContext)))
        {
            throw new HandlerException("Runtime.HandlerNotFound", $"Handler '{handler}' must take (input) or (input, ILambdaContext).");
        }

        try
        {
            // Static state (a tracer, clients) belongs to the init phase. Without this a type whose static fields have
            // initializers (beforefieldinit) initializes them only when the first invocation touches one, part-way
            // through the handler: a tracer started there misses the subsegments the first invocation opened before.
            RuntimeHelpers.RunClassConstructor(type.TypeHandle);
        }
        catch (TypeInitializationException ex)
        {
            throw new HandlerException("Runtime.Unknown", $"The static initializer of '{parts[1]}' threw: {ex.InnerException?.Message}", ex.InnerException);
        }

        object? target = null;
        if (!method.IsStatic)
        {
            try
            {
                target = Activator.CreateInstance(type);
            }
            catch (TargetInvocationException ex)
            {
                throw new HandlerException("Runtime.Unknown", $"The constructor of '{parts[1]}' threw: {ex.InnerException?.Message}", ex.InnerException);
            }
        }

        var inputType = parameters.Length > 0 ? parameters[0].ParameterType : null;
        var inputIsContext = inputType == typeof(ILambdaContext);
        return async (request, lambdaContext) =>
        {
            var args = new object?[parameters.Length];
            if (parameters.Length >= 1)
            {
                args[0] = inputIsContext ? lambdaContext : ReadInput(request.Payload, inputType!);
            }

            if (parameters.Length == 2)
            {
                args[1] = lambdaContext;
            }

            var returned = method.Invoke(target, args);
            return await WriteOutputAsync(returned, method.ReturnType);
        };
    }

    private static object? ReadInput(byte[] payload, Type type)
    {
        if (type == typeof(Stream))
        {
            return new MemoryStream(payload, writable: false);
        }

        if (type == typeof(byte[]))
        {
            return payload;
        }

        return JsonSerializer.Deserialize(payload, type, Json);
    }

    private static async Task<byte[]> WriteOutputAsync(object? returned, Type returnType)
    {
        if (returned is Task task)
        {
            await task;
            var resultProperty = task.GetType().GetProperty("Result");
            if (!returnType.IsGenericType || resultProperty is null)
            {
                return [];
            }

            returned = resultProperty.GetValue(task);
            returnType = returnType.GetGenericArguments()[0];
        }
        else if (returnType == typeof(void))
        {
            return [];
        }

        return returned switch
        {
            Stream stream => await ReadAllAsync(stream),
            byte[] bytes => bytes,
            _ => JsonSerializer.SerializeToUtf8Bytes(returned, returnType, Json),
        };
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    /// <summary>Loads the function's dependencies from its folder; this client's own assembly stays shared.</summary>
    private sealed class FunctionLoadContext(string mainAssembly) : AssemblyLoadContext("function", isCollectible: false)
    {
        private readonly AssemblyDependencyResolver _resolver = new(mainAssembly);
        private readonly string _directory = Path.GetDirectoryName(mainAssembly)!;

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            if (assemblyName.Name == typeof(ILambdaContext).Assembly.GetName().Name)
            {
                return typeof(ILambdaContext).Assembly;
            }

            var path = _resolver.ResolveAssemblyToPath(assemblyName) ?? Path.Combine(_directory, assemblyName.Name + ".dll");
            if (File.Exists(path) && Default.Assemblies.All(a => a.GetName().Name != assemblyName.Name))
            {
                return LoadFromAssemblyPath(path);
            }

            return null;
        }

        protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
        {
            var path = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
            return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
        }
    }
}
