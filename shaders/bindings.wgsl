// Bindings and structures shared by the render kernel. The host lays buffers out to match
// (src/render/frame-uniforms.ts and src/render/image-params.ts).

struct Frame {
  camera_position: vec4<f32>,   // xyz; w = tan(horizontal field of view / 2)
  camera_forward: vec4<f32>,
  camera_right: vec4<f32>,
  camera_up: vec4<f32>,
  area_center: vec4<f32>,       // xyz; w = side length (m)
  area_radiance: vec4<f32>,     // w = radiance P / (4 A) (W/m²/sr)
  sun_direction: vec4<f32>,     // unit vector towards the sun; w = cos(angular radius)
  sun_irradiance: vec4<f32>,    // x = irradiance (W/m²)
  spot: vec4<f32>,              // x = radius (m), y = cos(half cone angle), z = smoothstep width in cosine, w = intensity P/(4π) (W/sr)
  material: vec4<f32>,          // x = IOR, y = velvet IOR, z = Beckmann alpha, w = velvet 1/σ²
  glossy: vec4<f32>,            // x = glossy colour
  size: vec4<u32>,              // x = width, y = height, z = samples per pixel, w = bounces
  batch: vec4<u32>,             // x = images in this batch, y = filter table size, z = sample seed
  filter_width: vec4<f32>,      // x = filter support (px)
}

struct Image {
  world_to_object: mat3x4<f32>, // rows of the inverse affine placement: object = M · (world, 1)
  normal_to_world: mat3x4<f32>, // rows of the rotation that takes object normals to world
  object_color: vec4<f32>,
  ground_color: vec4<f32>,      // w = ground height z = -D
  spot_position: vec4<f32>,
  spot_direction: vec4<f32>,    // unit cone axis
  spot_color: vec4<f32>,
  info: vec4<u32>,              // x = root node, y = 1 for flat shading, z = dataset image index
  bounding_sphere: vec4<f32>,   // world-space sphere around the placed object (xyz centre, w radius), padded for rounding
}

@group(0) @binding(0) var<uniform> frame: Frame;
@group(0) @binding(1) var<storage, read> bvh_nodes: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read> triangles: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read> vertex_normals: array<vec4<f32>>;
@group(0) @binding(4) var<storage, read> images: array<Image>;
@group(0) @binding(5) var<storage, read> filter_table: array<f32>;
@group(0) @binding(6) var<storage, read_write> pixels: array<u32>;
@group(0) @binding(7) var<storage, read_write> ray_count: array<atomic<u32>, 2>;

const PI: f32 = 3.14159265358979;
const INF: f32 = 3.0e38;
