import Hummingbird
enum ServerPlaceholder {}
