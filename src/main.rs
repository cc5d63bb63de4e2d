fn main() {
    println!("afsite: not yet");
}
