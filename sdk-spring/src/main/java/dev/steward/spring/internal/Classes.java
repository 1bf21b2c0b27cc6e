package dev.steward.spring.internal;

/** Whether an optional library is on the class path, checked before loading the classes that use it. */
final class Classes {

    private Classes() {}

    static boolean present(String className) {
        try {
            Class.forName(className, false, Classes.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
