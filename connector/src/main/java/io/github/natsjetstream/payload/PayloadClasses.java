package io.github.natsjetstream.payload;

import java.util.ArrayList;
import java.util.List;

/**
 * Loads the class that a channel's {@code payload-class} names: first with the thread context
 * class loader, which loads the application's classes on application servers, then with the
 * connector's. The class is not initialized here.
 */
final class PayloadClasses {

    private PayloadClasses() {
    }

    /** @throws IllegalArgumentException naming the channel, the class and the fix when no loader finds it */
    static Class<?> load(String channel, String className) {
        for (ClassLoader loader : loaders()) {
            try {
                return Class.forName(className, false, loader);
            } catch (ClassNotFoundException e) {
                // Try the next loader.
            } catch (LinkageError e) {
                throw new IllegalArgumentException("Channel '" + channel + "' sets payload-class=" + className
                        + ", but the class failed to load: " + e + ". Add the classes that it refers to.", e);
            }
        }
        throw new IllegalArgumentException("Channel '" + channel + "' sets payload-class=" + className
                + ", but no class of that name was found by the thread context class loader or the connector's. "
                + "Set mp.messaging.incoming." + channel + ".payload-class to the fully qualified name of an "
                + "application class; nested classes are written Outer$Inner.");
    }

    private static List<ClassLoader> loaders() {
        List<ClassLoader> loaders = new ArrayList<>(2);
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null) {
            loaders.add(context);
        }
        loaders.add(PayloadClasses.class.getClassLoader());
        return loaders;
    }
}
