/** Posts page (to be written). */
export default function PostsPage() {
  return <h1>Posts</h1>;
}
